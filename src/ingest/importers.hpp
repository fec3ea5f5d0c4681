// ingest/importers.hpp
// The catalogue of file formats Linkage reads, and the one entry point that runs an import in a transaction.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ingest/import_context.hpp"
#include "store/database.hpp"

namespace linkage {

//! Options a user may give an import.
struct ImportOptions {
  std::string dataset;    //!< store under this dataset name instead of the format's default
  std::string code;       //!< indicator code, for series files whose name does not say it
  std::string citation;   //!< overrides the default citation
  std::string terms;      //!< overrides the default terms
  std::string companion;  //!< a table the format ships beside its data (BACI's country codes)
  //! BACI: the states whose trade is also stored by HS chapter (with every partner and the world), so the
  //! product views work for them; the others are stored as totals only.
  std::vector<std::string> products_for;
};

//! One supported format.
struct ImporterSpec {
  std::string format;           //!< the name used on the command line
  std::string description;      //!< one line for `linkage import --help`
  std::string default_dataset;  //!< dataset name rows are stored under
  std::string citation;         //!< default citation printed with values from it
  std::string terms;            //!< default terms of use
  std::function<void(ImportContext&, const std::string&, const ImportOptions&)> read;
};

//! Every supported format.
const std::vector<ImporterSpec>& Importers();
//! The spec for a format name; UsageError listing the formats when unknown.
const ImporterSpec& FindImporter(const std::string& format);

//! Reads `path` in `format` into the workspace in one transaction: all of it, or (on any error) nothing. The
//! file is recorded as source `source_id` when one is given (a build fixes them in advance), else as the
//! next.
ImportSummary RunImport(Database& database, const std::string& format, const std::string& path,
                        const ImportOptions& options = {}, std::int64_t source_id = 0);

// The readers, one per file (see each .cpp for the layout it expects).
void ReadImfDots(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadWdi(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadWits(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadCepiiDist(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadCepiiGeo(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadMemberships(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadOrgAliases(ImportContext& context, const std::string& path, const ImportOptions& options);
//! Organisations that replaced others (org,successor).
void ReadOrgSuccessions(ImportContext& context, const std::string& path, const ImportOptions& options);
//! Trade agreements in force by pair (agreement,name,actor_a,actor_b,from,to[,dates,source]).
void ReadAgreementPairs(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadRegions(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadTidySeries(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadTidyFlows(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadComtrade(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadUngaIdealPoints(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadVotes(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadBaci(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadTidyEvents(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadAtop(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadCowIgoDyad(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadCowIgoState(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadCowContiguity(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadCowNmc(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadCowTrade(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadSipri(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadAidDataGcdf(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadUnVotes(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadMilestones(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadGdelt1(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadGdelt2(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadIcews(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadPolecat(ImportContext& context, const std::string& path, const ImportOptions& options);
void ReadPlover(ImportContext& context, const std::string& path, const ImportOptions& options);

}  // namespace linkage
