// ingest/event_sink.hpp
// Stores coded events between two states, and counts (for the import summary) the events that are not
// between two distinct states: domestic events, and sides coded as a region, an organisation or nobody.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ingest/import_context.hpp"
#include "registry/actor_registry.hpp"

namespace linkage {

//! One coded event as a file gives it.
struct CodedEvent {
  std::string id;      //!< the source's event id
  std::string date;    //!< YYYY-MM-DD
  std::string source;  //!< the source side's code or name as published
  std::string target;  //!< the target side's code or name as published
  std::string kind;    //!< CAMEO code or PLOVER type, as published
  std::string code;    //!< CAMEO code or PLOVER type
  std::string dimension;
  std::optional<double> intensity;  //!< Goldstein (or PLOVER) score
  int quad_class = 0;
  std::string description;
  std::string citation;  //!< the story's URL or publisher, when given
};

//! Writes events whose two sides resolve to distinct actors in `scheme`; others are counted, not stored.
class EventSink {
 public:
  EventSink(ImportContext& context, Scheme scheme);
  //! Stores the event from `line`, or counts why it was left out.
  void Add(const CodedEvent& event, std::int64_t line);
  //! Stores `event` once for each pair of a source and a target side (counted as one-sided when either list
  //! is empty).
  void AddPairs(CodedEvent event, const std::vector<std::string>& sources,
                const std::vector<std::string>& targets, std::int64_t line);
  //! Adds the counts of events left out to the import summary.
  void Summarise();

 private:
  std::optional<std::string> Resolve(const std::string& side);

  ImportContext& context_;
  Scheme scheme_;
  Statement insert_;
  std::map<std::string, std::optional<std::string>> resolved_;
  std::map<std::string, std::int64_t> unresolved_;  //!< side as published -> events left out
  std::int64_t domestic_ = 0;
  std::int64_t one_sided_ = 0;
};

}  // namespace linkage
