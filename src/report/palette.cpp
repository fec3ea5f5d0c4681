#include "report/palette.hpp"

#include <algorithm>
#include <array>

namespace linkage {

namespace {

// Okabe and Ito's colour-blind-safe set without its yellow (too pale for a line on white), and two of Tol's
// muted colours after it.
constexpr std::array<std::string_view, 9> kActorColours = {
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#882255", "#999933"};

// Powers that keep a colour of their own in every selection.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kFixedColours = {{
    {"USA", "#0072B2"},
    {"CHN", "#D55E00"},
    {"RUS", "#009E73"},
    {"EUU", "#56B4E9"},
    {"IND", "#E69F00"},
    {"JPN", "#CC79A7"},
}};

// Tol's muted scheme (Tol 2021, "Colour Schemes", SRON/EPS/TN/09-002), for series that are not actors.
constexpr std::array<std::string_view, 9> kSeriesColours = {
    "#332288", "#CC6677", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499", "#DDCC77"};

}  // namespace

ActorPalette::ActorPalette(const std::vector<std::string>& actors) {
  std::vector<std::string> taken;
  std::vector<std::string> unplaced;
  auto known = [&](const std::string& id) {
    return std::any_of(entries_.begin(), entries_.end(),
                       [&](const auto& entry) { return entry.first == id; });
  };
  // The fixed colours first, so that an actor listed early cannot take a large power's colour.
  for (const auto& id : actors) {
    if (known(id)) continue;
    const auto fixed = std::find_if(kFixedColours.begin(), kFixedColours.end(),
                                    [&](const auto& entry) { return entry.first == id; });
    if (fixed != kFixedColours.end() && std::find(taken.begin(), taken.end(), fixed->second) == taken.end()) {
      entries_.emplace_back(id, std::string(fixed->second));
      taken.emplace_back(fixed->second);
    } else {
      entries_.emplace_back(id, "");
    }
  }
  // The rest take the free colours in order; past the ninth actor the colours repeat (charts of that many
  // actors are drawn as small multiples, one panel per actor, so no two share a panel).
  std::size_t next = 0;
  for (auto& [id, colour] : entries_) {
    if (!colour.empty()) continue;
    std::size_t tried = 0;
    while (tried < kActorColours.size() &&
           std::find(taken.begin(), taken.end(), kActorColours[next % kActorColours.size()]) != taken.end()) {
      ++next;
      ++tried;
    }
    colour = std::string(kActorColours[next % kActorColours.size()]);
    if (tried < kActorColours.size()) taken.push_back(colour);
    ++next;
  }
}

std::string ActorPalette::Colour(std::string_view id) const {
  for (const auto& [actor, colour] : entries_)
    if (actor == id) return colour;
  return std::string(kRestColour);
}

std::string ScoreColour(std::string_view score) {
  if (score.ends_with("bandwidth")) return "#332288";
  if (score.ends_with("dependence")) return "#CC6677";
  return "#1A1A1A";
}

std::vector<std::string> SeriesColours(std::size_t count) {
  std::vector<std::string> colours;
  for (std::size_t k = 0; k < count; ++k) colours.emplace_back(kSeriesColours[k % kSeriesColours.size()]);
  return colours;
}

}  // namespace linkage
