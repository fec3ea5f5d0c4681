#include "store/provenance.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "core/checksum.hpp"

namespace linkage {

std::int64_t RecordSource(Database& database, const SourceInfo& source) {
  Statement insert(database,
                   "INSERT INTO sources (id, dataset, format, path, sha256, bytes, citation, terms) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (source.id != 0) insert.Bind(1, source.id);
  insert.Bind(2, source.dataset)
      .Bind(3, source.format)
      .Bind(4, source.path)
      .Bind(5, Sha256OfFile(source.path))
      .Bind(6, static_cast<std::int64_t>(std::filesystem::file_size(source.path)))
      .Bind(7, source.citation)
      .Bind(8, source.terms);
  insert.Run();
  return database.LastInsertId();
}

void RecordSourceYears(Database& database, std::int64_t source_id, int first, int last) {
  Statement insert(database, "INSERT INTO source_years (source_id, first_year, last_year) VALUES (?, ?, ?)");
  insert.Bind(1, source_id).Bind(2, first).Bind(3, last).Run();
}

std::string Provenance::Describe() const {
  // Line 0 is a value derived from many rows (a BACI total): the transform says which.
  std::string text = std::filesystem::path(path).filename().string();
  if (line > 0) text += fmt::format(":{}", line);
  if (!transform.empty()) text += fmt::format(" ({})", transform);
  return text;
}

Provenance LookupProvenance(Database& database, std::int64_t source_id, std::int64_t line,
                            const std::string& transform) {
  Statement query(database, "SELECT dataset, path, sha256, citation FROM sources WHERE id = ?");
  query.Bind(1, source_id);
  Provenance provenance;
  if (query.Step()) {
    provenance.dataset = query.Text(0);
    provenance.path = query.Text(1);
    provenance.sha256 = query.Text(2);
    provenance.citation = query.Text(3);
  }
  provenance.line = line;
  provenance.transform = transform;
  return provenance;
}

}  // namespace linkage
