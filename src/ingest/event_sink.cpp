#include "ingest/event_sink.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "core/text.hpp"

namespace linkage {

namespace {

constexpr std::size_t kUnresolvedListed = 8;

// CAMEO country codes that are not (or no longer) ISO 3166 alpha-3 (GDELT's CAMEO.country.txt).
const std::map<std::string, std::string, std::less<>>& CameoLegacyCodes() {
  static const std::map<std::string, std::string, std::less<>> codes = {
      {"ROM", "ROU"}, {"TMP", "TLS"}, {"MTN", "MNE"}, {"IMY", "IMN"}};
  return codes;
}

}  // namespace

EventSink::EventSink(ImportContext& context, Scheme scheme)
    : context_(context),
      scheme_(scheme),
      insert_(
          context.database,
          "INSERT INTO events (dataset, date, source_actor, target_actor, kind, code, dimension, intensity, "
          "description, citation, quad_class, source_event_id, source_id, source_line) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING") {}

std::optional<std::string> EventSink::Resolve(const std::string& side) {
  const auto cached = resolved_.find(side);
  if (cached != resolved_.end()) return cached->second;
  std::optional<std::string> id;
  std::string key = side;
  if (scheme_ == Scheme::kIso3) {
    const auto legacy = CameoLegacyCodes().find(side);
    if (legacy != CameoLegacyCodes().end()) key = legacy->second;
  }
  const Resolution resolution = context_.actors.Resolve(key, scheme_);
  if (resolution.Unique() && resolution.matches.front()->IsCountry()) {
    id = resolution.matches.front()->id;
  }
  resolved_.emplace(side, id);
  return id;
}

void EventSink::Add(const CodedEvent& event, std::int64_t line) {
  if (event.source.empty() || event.target.empty()) {
    ++one_sided_;
    return;
  }
  const auto source = Resolve(event.source);
  const auto target = Resolve(event.target);
  if (!source) ++unresolved_[event.source];
  if (!target) ++unresolved_[event.target];
  if (!source || !target) return;
  if (*source == *target) {
    ++domestic_;
    return;
  }
  insert_.Bind(1, context_.dataset).Bind(2, event.date).Bind(3, *source).Bind(4, *target);
  insert_.Bind(5, event.kind).Bind(6, event.code).Bind(7, event.dimension).Bind(8, event.intensity);
  insert_.Bind(9, event.description).Bind(10, event.citation);
  if (event.quad_class > 0) {
    insert_.Bind(11, event.quad_class);
  } else {
    insert_.BindNull(11);
  }
  insert_.Bind(12, event.id).Bind(13, context_.source_id).Bind(14, line);
  insert_.Run();
  if (sqlite3_changes(context_.database.Handle()) == 0) {
    ++context_.summary.duplicates;  // the same event (id, dyad, code) imported before
    return;
  }
  ++context_.summary.values_stored;
  context_.NoteYear(YearOfDate(event.date));
}

void EventSink::AddPairs(CodedEvent event, const std::vector<std::string>& sources,
                         const std::vector<std::string>& targets, std::int64_t line) {
  if (sources.empty() || targets.empty()) Add(event, line);
  for (const auto& from : sources) {
    for (const auto& to : targets) {
      event.source = from;
      event.target = to;
      Add(event, line);
    }
  }
}

void EventSink::Summarise() {
  if (one_sided_ > 0) {
    context_.summary.notes.push_back(
        fmt::format("{} events with no source or no target country left out (not dyadic)", one_sided_));
  }
  if (domestic_ > 0) {
    context_.summary.notes.push_back(
        fmt::format("{} domestic events (both sides the same state) left out", domestic_));
  }
  if (unresolved_.empty()) return;
  std::vector<std::pair<std::string, std::int64_t>> sides(unresolved_.begin(), unresolved_.end());
  std::sort(sides.begin(), sides.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::int64_t total = 0;
  std::vector<std::string> listed;
  for (const auto& [side, count] : sides) {
    total += count;
    if (listed.size() < kUnresolvedListed) listed.push_back(fmt::format("{} ({})", side, count));
  }
  context_.summary.notes.push_back(
      fmt::format("{} event sides coded as no state (regions, organisations, unknown) left out: {}{}", total,
                  text::Join(listed, ", "), sides.size() > listed.size() ? ", ..." : ""));
}

}  // namespace linkage
