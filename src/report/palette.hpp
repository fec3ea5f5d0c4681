// report/palette.hpp
// The house palette: one colour per actor, fixed across every chart, the linkage figure and the dashboard,
// from colours a reader with a colour-vision deficiency can still tell apart (Okabe and Ito 2008; Tol 2021).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace linkage {

//! The grey of "the rest of the world" and of anything that is no actor.
inline constexpr std::string_view kRestColour = "#BBBBBB";

//! Colours of the actors of one report or dashboard selection. The large powers keep their own colour in
//! every selection (China vermillion, the United States blue, Russia green, ...), so a reader moving between
//! reports sees the same colour for the same power; the others take the free colours in the order given.
class ActorPalette {
 public:
  //! Colours `actors`, in order; a repeated id keeps its first colour.
  explicit ActorPalette(const std::vector<std::string>& actors = {});
  //! The colour of `id`; kRestColour for an actor the palette was not given.
  std::string Colour(std::string_view id) const;
  //! Every actor with its colour, in the order given.
  const std::vector<std::pair<std::string, std::string>>& Entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

//! The colour of a score series (bandwidth, dependence, linkage), the same in every chart of them.
std::string ScoreColour(std::string_view score);

//! Colours for `count` series that are not actors (measures of a region): Tol's muted scheme, in order.
std::vector<std::string> SeriesColours(std::size_t count);

}  // namespace linkage
