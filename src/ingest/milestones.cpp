// A timeline of dated milestones, "date,actors,kind,dimension,description,source,confidence", with actors
// joined by ';' (states, or organisations known to the workspace such as CSTO). Each milestone becomes one
// coded event per pair of states it names (in the order listed); a milestone naming one state and an
// organisation is stored with that state on both sides, so it is kept but never counted for a dyad.
// Partnership milestones get the rung of the ladder their description names as their code (see
// PartnershipRung), and each kind gets the quad class of docs/methods.md "Events".
#include <fmt/format.h>

#include <array>
#include <map>

#include "core/csv_reader.hpp"
#include "core/text.hpp"
#include "ingest/event_fields.hpp"
#include "ingest/importers.hpp"
#include "ingest/table_file.hpp"

namespace linkage {

namespace {

// The rungs in the order a description is searched: the most specific phrase first.
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kRungPhrases = {{
    {"permanent comprehensive strategic partnership", "permanent_comprehensive_strategic"},
    {"comprehensive strategic partnership", "comprehensive_strategic"},
    {"strategic partnership", "strategic"},
}};

// The partnership rung a milestone's description names, or "" when it names none.
std::string PartnershipRung(std::string_view kind, std::string_view description) {
  if (kind == "diplomatic_relations") return "diplomatic_relations";
  if (kind != "partnership_upgrade") return "";
  const std::string lower = text::Lower(description);
  for (const auto& [phrase, rung] : kRungPhrases) {
    if (lower.find(phrase) != std::string::npos) return std::string(rung);
  }
  return "";
}

// Quad class (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict) of a
// milestone kind; 0 when the kind says nothing about cooperation or conflict.
int QuadClassOfKind(std::string_view kind) {
  static const std::map<std::string_view, int> classes = {
      {"diplomatic_relations", 1}, {"agreement", 1},      {"summit", 1},
      {"partnership_upgrade", 1},  {"initiative", 1},     {"visa_regime", 1},
      {"military_exercise", 2},    {"infrastructure", 2}, {"military_deployment", 2},
      {"membership_change", 3},
  };
  const auto found = classes.find(kind);
  return found == classes.end() ? 0 : found->second;
}

}  // namespace

void ReadMilestones(ImportContext& context, const std::string& path, const ImportOptions& /*options*/) {
  const auto table_file = OpenTable(path);
  CsvReader& reader = *table_file;
  reader.RequireColumns({"date", "actors", "kind", "dimension", "description"});
  const std::size_t date = reader.Column("date");
  const std::size_t actors = reader.Column("actors");
  const std::size_t kind = reader.Column("kind");
  const std::size_t dimension = reader.Column("dimension");
  const std::size_t description = reader.Column("description");
  const auto source = reader.FindColumn("source");
  const auto confidence = reader.FindColumn("confidence");
  Statement is_org(context.database,
                   "SELECT 1 FROM memberships WHERE org = ?1 UNION SELECT 1 FROM org_aliases WHERE org = ?1 "
                   "OR alias = ?2");
  Statement insert(context.database,
                   "INSERT INTO events (dataset, date, source_actor, target_actor, kind, code, dimension, "
                   "description, citation, confidence, quad_class, source_id, source_line, source_event_id) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  CsvRecord record;
  while (reader.Next(record)) {
    ++context.summary.rows_read;
    const std::string when = ReadPartialDate(reader, record, date);
    const std::string dimension_name = ReadDimension(reader, record, dimension);
    std::vector<std::string> states;
    std::vector<std::string> organisations;
    for (const auto& token : text::Split(record.fields[actors], ';')) {
      const std::string name(text::Trim(token));
      const Resolution resolution = context.actors.Resolve(name);
      if (resolution.Unique()) {
        states.push_back(resolution.matches.front()->id);
        continue;
      }
      is_org.Bind(1, name).Bind(2, text::NormalizeName(name));
      const bool known_org = is_org.Step();
      is_org.Reset();
      if (!known_org) {
        context.actors.Require(name, Scheme::kAny, reader.At(record, actors));  // explains the unknown name
      }
      organisations.push_back(name);
    }
    if (states.empty()) {
      reader.Fail(record, actors, "no state among the actors", "at least one state (ISO code or name)");
    }
    const std::string kind_name = reader.Text(record, kind);
    std::string text = record.fields[description];
    if (!organisations.empty()) text += fmt::format(" [with {}]", text::Join(organisations, ", "));
    const int quad = QuadClassOfKind(kind_name);
    const auto store = [&](const std::string& a, const std::string& b) {
      insert.Bind(1, context.dataset).Bind(2, when).Bind(3, a).Bind(4, b).Bind(5, kind_name);
      const std::string rung = PartnershipRung(kind_name, record.fields[description]);
      if (rung.empty()) {
        insert.BindNull(6);
      } else {
        insert.Bind(6, rung);
      }
      insert.Bind(7, dimension_name);
      insert.Bind(8, text).Bind(9, source ? record.fields[*source] : std::string());
      insert.Bind(10, confidence ? record.fields[*confidence] : std::string());
      if (quad > 0) {
        insert.Bind(11, quad);
      } else {
        insert.BindNull(11);
      }
      insert.Bind(12, context.source_id).Bind(13, static_cast<std::int64_t>(record.line));
      // A milestone is known by its date, kind and description, so importing the timeline again adds nothing.
      insert.Bind(14, fmt::format("{} {}: {}", when, kind_name, record.fields[description]));
      insert.Run();
      if (sqlite3_changes(context.database.Handle()) == 0) {
        ++context.summary.duplicates;
        return;
      }
      ++context.summary.values_stored;
      context.NoteYear(YearOfDate(when));
    };
    if (states.size() == 1) store(states.front(), states.front());
    for (std::size_t a = 0; a < states.size(); ++a) {
      for (std::size_t b = a + 1; b < states.size(); ++b) store(states[a], states[b]);
    }
  }
}

}  // namespace linkage
