#include "indicators/indicator_record.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/text.hpp"

namespace linkage {

Perspective ParsePerspective(const std::string& name) {
  if (name == "reporter") return Perspective::kReporter;
  if (name == "partner") return Perspective::kPartner;
  if (name == "both") return Perspective::kBoth;
  throw UsageError(fmt::format("unknown perspective '{}'; use reporter, partner or both", name));
}

std::string TermNotes(const Term& term) {
  std::vector<std::string> notes;
  if (term.mirror_filled > 0) {
    notes.push_back(fmt::format("{} input{} filled from the other side's report", term.mirror_filled,
                                term.mirror_filled == 1 ? "" : "s"));
  }
  if (term.bloc_members) notes.push_back("blocs read as their members in that year");
  if (!term.omitted.empty()) {
    std::vector<std::string> names = term.omitted;
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    notes.push_back(fmt::format("no reported flow with {} (left out of the sum: counted as zero)",
                                text::Join(names, ", ")));
  }
  if (term.alternative_dataset) notes.push_back("read from an alternative dataset");
  return text::Join(notes, "; ");
}

IndicatorRecord RecordOf(const std::string& indicator, const std::string& reporter,
                         const std::string& partner, int year, const Term& term, const std::string& unit,
                         const std::string& perspective) {
  return {indicator,    reporter,       partner,        year,        "",
          term.value,   unit,           term.estimated, perspective, term.value ? "" : term.missing,
          term.sources, TermNotes(term)};
}

std::string PerspectiveName(Perspective perspective) {
  return perspective == Perspective::kPartner ? "partner" : "reporter";
}

}  // namespace linkage
