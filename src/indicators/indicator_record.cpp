#include "indicators/indicator_record.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

namespace linkage {

Perspective ParsePerspective(const std::string& name) {
  if (name == "reporter") return Perspective::kReporter;
  if (name == "partner") return Perspective::kPartner;
  if (name == "both") return Perspective::kBoth;
  throw UsageError(fmt::format("unknown perspective '{}'; use reporter, partner or both", name));
}

std::string PerspectiveName(Perspective perspective) {
  return perspective == Perspective::kPartner ? "partner" : "reporter";
}

}  // namespace linkage
