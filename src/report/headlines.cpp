#include "report/headlines.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <string_view>

#include "core/text.hpp"
#include "report/display_names.hpp"
#include "report/number_format.hpp"

namespace linkage {

namespace {

// A change a reader would call one: a relative change of 5% and an absolute one of `floor`.
std::string Direction(double from, double to, double floor) {
  if (std::fabs(to - from) < floor || std::fabs(to - from) < 0.05 * std::max(std::fabs(from), std::fabs(to)))
    return "";
  return to > from ? "rose" : "fell";
}

// The number of powers in words for a sentence ("the four powers").
std::string Count(std::size_t count) {
  constexpr std::array<std::string_view, 13> kWords = {"no",   "one",    "two",   "three", "four",
                                                       "five", "six",    "seven", "eight", "nine",
                                                       "ten",  "eleven", "twelve"};
  return count < kWords.size() ? std::string(kWords[count]) : std::to_string(count);
}

// "p < 0.001" or "p = 0.034".
std::string PText(double p) {
  const std::string formatted = FormatPValue(p);
  return formatted.starts_with("<") ? "p " + formatted : "p = " + formatted;
}

std::string Ordinal(std::size_t rank) {
  constexpr std::array<std::string_view, 11> kWords = {
      "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"};
  return rank < kWords.size() ? std::string(kWords[rank]) : std::to_string(rank) + "th";
}

std::optional<Headline> TradeShareHeadline(const LinkageRun& run, const HeadlineCase& subject,
                                           const ChartStyle& style) {
  // year -> the powers' shares. Only years in which every power's share is known are compared: a year in
  // which the pivot's reports leave out a large partner inflates everyone else's share.
  std::map<int, std::vector<const ComponentValue*>> years;
  const auto values = ComponentValues(run, "trade_share", subject.pivot);
  for (const auto& entry : values) years[entry.unit->year].push_back(&entry);
  const ComponentValue* first = nullptr;
  const ComponentValue* last = nullptr;
  std::vector<int> incomplete;
  for (const auto& [year, entries] : years) {
    const bool complete =
        std::all_of(entries.begin(), entries.end(), [](const auto* entry) { return entry->value; });
    if (!complete) {
      incomplete.push_back(year);
      continue;
    }
    for (const auto* entry : entries) {
      if (entry->unit->source != subject.actor) continue;
      if (first == nullptr) first = entry;
      last = entry;
    }
  }
  if (first == nullptr || first == last) return std::nullopt;
  const std::string actor = style.Name(subject.actor);
  const std::string pivot = style.Name(subject.pivot);
  const std::string verb = Direction(*first->value, *last->value, 0.005);
  Headline headline;
  headline.text = verb.empty()
                      ? fmt::format("{} share of {} trade was {} in {} and {} in {}.", Possessive(actor),
                                    Possessive(pivot), FormatShare(*first->value), first->unit->year,
                                    FormatShare(*last->value), last->unit->year)
                      : fmt::format("{} share of {} trade {} from {} in {} to {} in {}.", Possessive(actor),
                                    Possessive(pivot), verb, FormatShare(*first->value), first->unit->year,
                                    FormatShare(*last->value), last->unit->year);
  if (last->status != "observed") headline.text.insert(headline.text.size() - 1, " (" + last->status + ")");
  std::vector<std::string> others;
  for (const auto* entry : years[last->unit->year]) {
    if (entry->unit->source != subject.actor)
      others.push_back(fmt::format("{} {}", style.Name(entry->unit->source), FormatShare(*entry->value)));
  }
  headline.detail = fmt::format(
      "{} trade with {} (exports plus imports) over its trade with the world: the trade_share input of the "
      "index, from the IMF's Direction of Trade Statistics as {} reports them; a year {} did not report is "
      "read from the partner's report and flagged as estimated.",
      Possessive(pivot), actor, pivot, pivot);
  if (!others.empty())
    headline.detail +=
        fmt::format(" The other powers' shares in {}: {}.", last->unit->year, text::Join(others, ", "));
  if (!incomplete.empty()) {
    std::vector<std::string> listed;
    listed.reserve(incomplete.size());
    for (const int year : incomplete) listed.push_back(std::to_string(year));
    headline.detail += fmt::format(
        " Not compared: {}, in which some power's share is missing, so the shares do not add up against the "
        "same "
        "total.",
        text::Join(listed, ", "));
  }
  return headline;
}

std::optional<Headline> LinkageHeadline(const LinkageRun& run, const std::vector<SeriesTests>& tests,
                                        const std::vector<BreakDate>& dates, const HeadlineCase& subject,
                                        const ChartStyle& style) {
  const std::size_t linkage = kScoreCount - 1;
  std::optional<std::size_t> last;
  for (std::size_t k = 0; k < run.rows.size(); ++k) {
    const ScoreRow& row = run.rows[k];
    if (row.level == "dyad" && row.measure == "score" && row.source == subject.actor &&
        row.target == subject.pivot && row.score == linkage && row.value)
      last = k;
  }
  const auto series = std::find_if(tests.begin(), tests.end(), [&](const SeriesTests& candidate) {
    return candidate.level == "dyad" && candidate.measure == "score" && candidate.source == subject.actor &&
           candidate.target == subject.pivot && candidate.score == linkage;
  });
  if (!last || series == tests.end() || !series->trend) return std::nullopt;
  const ScoreRow& to = run.rows[*last];
  const TrendTest& trend = *series->trend;
  const std::string reading = TrendReading(*series);
  const std::string actor = style.Name(subject.actor);
  const std::string pivot = style.Name(subject.pivot);
  std::string range;
  if (run.sensitivity && run.sensitivity->Draws() > 0) {
    const Spread spread = run.sensitivity->ValueSpread(*last);
    if (spread.low && spread.high)
      range = fmt::format(" ({:.0f}-{:.0f} over {} weightings)", *spread.low, *spread.high,
                          run.sensitivity->Draws());
  }
  Headline headline;
  const std::string span = fmt::format("{}-{}", series->first_year, series->last_year);
  if (text::StartsWith(reading, "rising") || text::StartsWith(reading, "falling")) {
    headline.text =
        fmt::format("{} linkage with {} {} by {:.1f} points a year over {} ({}), to {:.0f} of 100 in {}{}",
                    Possessive(actor), pivot, text::StartsWith(reading, "rising") ? "rose" : "fell",
                    std::fabs(trend.sen_slope), span, PText(trend.p_value), *to.value, to.year, range);
  } else {
    headline.text =
        fmt::format("{} linkage with {} shows no clear trend over {} ({}); it stood at {:.0f} of 100 in {}{}",
                    Possessive(actor), pivot, span, PText(trend.p_value), *to.value, to.year, range);
  }
  if (series->robust_share && reading.find("not robust") != std::string::npos)
    headline.text +=
        fmt::format(", a verdict only {:.0f}% of the weightings share", 100 * *series->robust_share);
  headline.text += ".";
  headline.detail = SeriesSummary(*series, run.sensitivity ? &*run.sensitivity : nullptr, dates);
  headline.detail +=
      " The trend is Mann-Kendall's test with Sen's slope. The score is the mean of bandwidth (how much the "
      "two "
      "interact) and dependence (how much the pivot relies on the power), each over the economic, security "
      "and "
      "political dimensions, equal weights, min-max normalised over the panel (docs/methods.md, \"Linkage "
      "index\").";
  if (to.carried)
    headline.detail += fmt::format(" The {} score rests partly on inputs carried forward.", to.year);
  return headline;
}

std::optional<Headline> PowersHeadline(const LinkageRun& run, const HeadlineCase& subject,
                                       const ChartStyle& style) {
  const std::size_t linkage = kScoreCount - 1;
  // The latest year in which the powers' shares of linkage with the pivot are known.
  int year = 0;
  for (const auto& row : run.rows) {
    if (row.level == "system" && row.measure == "power_share" && row.target == subject.pivot &&
        row.score == linkage && row.value)
      year = std::max(year, row.year);
  }
  if (year == 0) return std::nullopt;
  std::vector<std::size_t> shares;
  for (std::size_t k = 0; k < run.rows.size(); ++k) {
    const ScoreRow& row = run.rows[k];
    if (row.level == "system" && row.measure == "power_share" && row.target == subject.pivot &&
        row.score == linkage && row.year == year && row.value)
      shares.push_back(k);
  }
  if (shares.size() < 2) return std::nullopt;
  std::stable_sort(shares.begin(), shares.end(),
                   [&](std::size_t a, std::size_t b) { return *run.rows[a].value > *run.rows[b].value; });
  const auto own = std::find_if(shares.begin(), shares.end(),
                                [&](std::size_t k) { return run.rows[k].source == subject.actor; });
  if (own == shares.end()) return std::nullopt;
  const ScoreRow& actor_row = run.rows[*own];
  std::string range;
  if (run.sensitivity && run.sensitivity->Draws() > 0) {
    const Spread spread = run.sensitivity->ValueSpread(*own);
    if (spread.low && spread.high)
      range = fmt::format(" ({} to {} over {} weightings)", FormatShare(*spread.low),
                          FormatShare(*spread.high), run.sensitivity->Draws());
  }
  const std::string pivot = style.Name(subject.pivot);
  const std::string powers = Count(shares.size());
  const auto named = [&](std::size_t k) {
    return fmt::format("{} ({})", style.Name(run.rows[k].source), FormatShare(*run.rows[k].value));
  };
  Headline headline;
  if (own == shares.begin()) {
    headline.text = fmt::format(
        "In {} {} held the largest share of the {} powers' linkage with {}: {}{}, ahead of {}.", year,
        style.Name(subject.actor), powers, pivot, FormatShare(*actor_row.value), range, named(shares[1]));
  } else {
    headline.text =
        fmt::format("In {} {} held the largest share of the {} powers' linkage with {}, {}; {} held {}{}.",
                    year, style.Name(run.rows[shares.front()].source), powers, pivot,
                    FormatShare(*run.rows[shares.front()].value), style.Name(subject.actor),
                    FormatShare(*actor_row.value), range);
  }
  std::vector<std::string> all;
  all.reserve(shares.size());
  for (const std::size_t k : shares) all.push_back(named(k));
  headline.detail = fmt::format(
      "Each power's share of the powers' summed linkage scores with {} in {}: {}. The powers are compared "
      "only on "
      "the inputs every one of them has that year, so a power whose data end early cannot fall behind for "
      "that "
      "reason (docs/methods.md, \"Comparing powers\").",
      pivot, year, text::Join(all, ", "));
  if (!actor_row.note.empty()) headline.detail += " " + actor_row.note;
  return headline;
}

}  // namespace

std::vector<Headline> Headlines(const LinkageRun& run, const std::vector<SeriesTests>& tests,
                                const std::vector<BreakDate>& dates, const HeadlineCase& subject,
                                const ChartStyle& style) {
  std::vector<Headline> headlines;
  for (auto headline :
       {TradeShareHeadline(run, subject, style), LinkageHeadline(run, tests, dates, subject, style),
        PowersHeadline(run, subject, style)}) {
    if (headline) headlines.push_back(std::move(*headline));
  }
  return headlines;
}

std::optional<Headline> RegionHeadline(const PivotRole& role, const std::string& region, int year,
                                       const HeadlineCase& subject, const ChartStyle& style) {
  if (!role.share_of_actor_trade.value) return std::nullopt;
  const std::string actor = style.Name(subject.actor);
  const std::string pivot = style.Name(subject.pivot);
  Headline headline;
  headline.text = fmt::format(
      "In {} {} carried {} of the trade of the members of {} with {}, and ranked {} of "
      "{} by trade strength.",
      year, pivot, FormatShare(*role.share_of_actor_trade.value), RegionTitle(region), actor,
      Ordinal(role.strength_rank), role.members);
  headline.detail = fmt::format(
      "The trade network of the region's members and the powers in {} (IMF Direction of Trade Statistics; "
      "igraph): {} trade with {} over the sum of every member's; strength is a member's total trade with the "
      "others in the network. {} ranks {} of {} by betweenness among the members and {} alone.",
      year, Possessive(pivot), actor, pivot, role.actor_region_betweenness_rank, role.members, actor);
  return headline;
}

}  // namespace linkage
