// ingest/event_coding.hpp
// The coding tables event data are read with: CAMEO codes with their Goldstein score, quad class and
// dimension, and PLOVER event types with theirs (data/events/, PROVENANCE.md there).
#pragma once

#include <map>
#include <optional>
#include <string>

namespace linkage {

//! What a CAMEO code or PLOVER type means for the indicators.
struct EventCoding {
  double score = 0;  //!< Goldstein score (CAMEO) or PLOVER conflict-cooperation score
  int quad_class =
      0;  //!< 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
  std::string dimension;  //!< economic, security or political
  std::string description;
};

//! The CAMEO and PLOVER tables, read once from the embedded data folder.
class EventCodingTables {
 public:
  //! Reads data/events/cameo.csv and plover.csv under `data_dir`.
  explicit EventCodingTables(const std::string& data_dir);
  //! The coding of a CAMEO event code ("0231"), or nullopt when CAMEO has no such code.
  std::optional<EventCoding> Cameo(const std::string& code) const;
  //! The coding of a PLOVER event type (case-insensitive), or nullopt.
  std::optional<EventCoding> Plover(const std::string& type) const;

 private:
  std::map<std::string, EventCoding, std::less<>> cameo_;
  std::map<std::string, EventCoding, std::less<>> plover_;
};

//! Quad class from a name or number as event files write it ("1", "VERBAL COOPERATION", "Material Conflict");
//! 0 when it is neither.
int ParseQuadClass(std::string_view text);

}  // namespace linkage
