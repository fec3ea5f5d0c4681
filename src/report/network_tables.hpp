// report/network_tables.hpp
// A regional network and a region's coherence as tables: the nodes' centralities, the graph's measures and
// the pivot's role, the edges with their source rows, and the coherence per year with the span correlation.
#pragma once

#include <optional>
#include <vector>

#include "model/coherence.hpp"
#include "model/regional_network.hpp"
#include "report/output.hpp"
#include "store/database.hpp"

namespace linkage {

//! Each node's role, degree, strength, betweenness, eigenvector centrality and community.
ResultSection NodeSection(const RegionalNetwork& network);
//! The graph's measures and, when given, the pivot's role, as measure-value-note rows.
ResultSection GraphSection(const RegionalNetwork& network, const std::optional<PivotRole>& pivot);
//! Each edge's trade with its source rows (a JSON array in kJson, file:line otherwise).
ResultSection EdgeSection(Database& database, const RegionalNetwork& network, OutputFormat format);
//! The coherence of each year and, when an actor was named, the span's growth correlation.
std::vector<ResultSection> CoherenceSections(const Coherence& coherence, int first, int last);

}  // namespace linkage
