#include "ingest/importers.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "store/provenance.hpp"
#include "store/schema.hpp"

namespace linkage {

const std::vector<ImporterSpec>& Importers() {
  static const std::vector<ImporterSpec> importers = {
      {"imf-dots", "IMF Direction of Trade Statistics, long CSV (optionally gzip)", "imf-dots",
       "IMF Direction of Trade Statistics", "IMF terms of use; attribution required", ReadImfDots},
      {"wdi", "World Bank WDI indicator, long CSV 'Country Name,Country Code,Year,Value'", "wdi",
       "World Bank, World Development Indicators", "CC-BY-4.0", ReadWdi},
      {"wits", "WITS / UN Comtrade download by product (HS), values in US$ thousand", "wits",
       "World Bank WITS / UN Comtrade", "UN Comtrade terms of use", ReadWits},
      {"baci",
       "CEPII BACI product-level trade 't,i,j,k,v,q' (HS6, thousand USD), stored as dyad and world totals",
       "baci", "Gaulier and Zignago (2010), BACI: International Trade Database at the Product-Level, CEPII",
       "Etalab Open Licence 2.0; cite", ReadBaci},
      {"comtrade", "UN Comtrade bulk file: classic CSV or Comtrade+ tab-separated, annual, US$", "comtrade",
       "United Nations, UN Comtrade Database", "UN Comtrade terms of use", ReadComtrade},
      {"unga-idealpoints",
       "UN General Assembly ideal points (Bailey, Strezhnev and Voeten), one row per state and session",
       "unga",
       "Bailey, Strezhnev and Voeten (2017), Estimating Dynamic State Preferences from United Nations Voting "
       "Data",
       "MIT (Voeten's repository); data CC0", ReadUngaIdealPoints},
      {"votes", "UN General Assembly roll-call votes: rcid,date,actor,vote (yes, no, abstain)", "unga-votes",
       "user-supplied roll-call votes", "as supplied", ReadVotes},
      {"unvotes",
       "UN General Assembly votes as the unvotes package publishes them: rcid,country,country_code,vote, "
       "dated "
       "from un_roll_calls.csv beside them",
       "unga-votes", "Voeten, Strezhnev and Bailey (2009), United Nations General Assembly Voting Data",
       "CC0 (Harvard Dataverse); unvotes package MIT", ReadUnVotes},
      {"atop", "ATOP alliance obligations, directed dyad-year (ccode1,ccode2,year,atop_defense,...)", "atop",
       "Leeds, Ritter, Mitchell and Long (2002), Alliance Treaty Obligations and Provisions, 1815-1944",
       "ATOP terms (free, cite)", ReadAtop},
      {"cow-igo-dyad", "COW IGO shared memberships, non-directed dyad-year (ccode1,ccode2,year,dyadigos)",
       "cow-igo", "Pevehouse et al. (2020), Tracking Organizations in the World: The COW IGO Data, v3",
       "COW terms (free, cite)", ReadCowIgoDyad},
      {"cow-igo-state", "COW IGO memberships per state-year (ccode,year,sum_igo_full,...)", "cow-igo",
       "Pevehouse et al. (2020), Tracking Organizations in the World: The COW IGO Data, v3",
       "COW terms (free, cite)", ReadCowIgoState},
      {"cow-contiguity", "COW Direct Contiguity v3.2, directed dyad-year (state1no,state2no,year,conttype)",
       "cow-contiguity", "Stinnett et al. (2002), The Correlates of War Project Direct Contiguity Data, v3",
       "COW terms (free, cite)", ReadCowContiguity},
      {"cow-nmc", "COW National Material Capabilities v5 (ccode,year,milex,milper,...,cinc)", "cow-nmc",
       "Singer, Bremer and Stuckey (1972); NMC v5.0 (Greig and Enterline 2017)", "COW terms (free, cite)",
       ReadCowNmc},
      {"cow-trade", "COW Trade v4 national totals (ccode,...,year,imports,exports), US$ million", "cow-trade",
       "Barbieri, Keshk and Pollins (2009), Trading Data; COW Trade v4.0", "COW terms (free, cite)",
       ReadCowTrade},
      {"sipri", "SIPRI Arms Transfers Database trade register as exported (preamble, CRLF, trailing ';')",
       "sipri", "SIPRI Arms Transfers Database", "SIPRI terms (free, cite)", ReadSipri},
      {"aiddata-gcdf", "AidData Chinese development finance, recipient-year (ccode,year,oda_amt,oof_amt,...)",
       "aiddata",
       "Custer et al. (2023), Tracking Chinese Development Finance: AidData's Global Chinese Development "
       "Finance Dataset, Version 3.0",
       "AidData terms (attribution)", ReadAidDataGcdf},
      {"milestones",
       "dated milestones: date,actors (joined by ';'),kind,dimension,description,source,confidence",
       "institutions", "compiled milestone timeline (each row cites its URL)", "facts", ReadMilestones},
      {"gdelt1", "GDELT 1.0 event file (tab-separated, no header, 57 or 58 fields)", "gdelt",
       "Leetaru and Schrodt (2013), GDELT: Global Data on Events, Location and Tone",
       "GDELT terms (open, cite)", ReadGdelt1},
      {"gdelt2", "GDELT 2.0 event file (tab-separated, no header, 61 fields)", "gdelt",
       "The GDELT Project, GDELT 2.0 Event Database", "GDELT terms (open, cite)", ReadGdelt2},
      {"icews", "ICEWS coded event file (tab-separated with header, countries by name)", "icews",
       "Boschee et al., ICEWS Coded Event Data, Harvard Dataverse", "as published (Dataverse terms)",
       ReadIcews},
      {"polecat", "POLECAT event file (tab-separated with header, PLOVER types, ISO alpha-3 countries)",
       "polecat", "POLECAT Global Political Event Dataset, Harvard Dataverse",
       "as published (Dataverse terms)", ReadPolecat},
      {"plover", "PLOVER JSON event records (JSON Lines or a JSON array)", "plover",
       "user-supplied PLOVER records (Open Event Data Alliance ontology)", "as supplied", ReadPlover},
      {"cepii-dist", "CEPII GeoDist dyadic distances (dist_cepii, ';'-separated)", "cepii-geodist",
       "Mayer and Zignago (2011), CEPII GeoDist", "CEPII terms (free, cite)", ReadCepiiDist},
      {"cepii-geo", "CEPII GeoDist country geography (geo_cepii, ';'-separated, Latin-1)", "cepii-geodist",
       "Mayer and Zignago (2011), CEPII GeoDist", "CEPII terms (free, cite)", ReadCepiiGeo},
      {"memberships", "membership spells: org,country_iso3,role,from,to,source,confidence", "institutions",
       "compiled membership spells (each row cites its URL)", "facts", ReadMemberships},
      {"org-successions",
       "organisations that replaced others: org,successor (the org's spells end when the "
       "same state's spell of the successor begins)",
       "institutions", "Linkage organisation successions", "CC0", ReadOrgSuccessions},
      {"agreement-pairs",
       "trade agreements in force by pair: agreement,name,actor_a,actor_b,from,to[,dates,source]",
       "agreements", "user-supplied trade agreements", "as supplied", ReadAgreementPairs},
      {"org-aliases", "other names of organisations: alias,org", "institutions", "Linkage organisation names",
       "CC0", ReadOrgAliases},
      {"regions", "named regions: region,actor[,from,to]", "regions", "user-defined regions", "as supplied",
       ReadRegions},
      {"series", "tidy actor-year series: actor,code,year,value,unit[,estimated]", "user",
       "user-supplied series", "as supplied", ReadTidySeries},
      {"flows", "tidy trade flows: reporter,partner,flow,year,value_usd[,product,estimated]", "user",
       "user-supplied flows", "as supplied", ReadTidyFlows},
      {"events", "tidy events: date,source,target,kind,dimension[,code,intensity,description,citation]",
       "user", "user-supplied events", "as supplied", ReadTidyEvents},
  };
  return importers;
}

const ImporterSpec& FindImporter(const std::string& format) {
  std::string known;
  for (const auto& importer : Importers()) {
    if (importer.format == format) return importer;
    known += (known.empty() ? "" : ", ") + importer.format;
  }
  throw UsageError(fmt::format("unknown import format '{}'; known formats: {}", format, known));
}

ImportSummary RunImport(Database& database, const std::string& format, const std::string& path,
                        const ImportOptions& options, std::int64_t source_id) {
  const ImporterSpec& importer = FindImporter(format);
  ActorRegistry actors(database);
  Transaction transaction(database);
  ImportContext context{database, actors};
  context.dataset = options.dataset.empty() ? importer.default_dataset : options.dataset;
  context.source_id =
      RecordSource(database, {context.dataset, format, path,
                              options.citation.empty() ? importer.citation : options.citation,
                              options.terms.empty() ? importer.terms : options.terms, source_id});
  context.summary.format = format;
  context.summary.path = path;
  importer.read(context, path, options);
  if (const auto& span = context.value_years.span)
    RecordSourceYears(database, context.source_id, span->first, span->second);
  if (const auto& span = context.flow_years.span)
    ExtendFlowYears(database, context.dataset, span->first, span->second);
  if (context.summary.rows_read == 0) {
    throw InputError({path, context.summary.header_line + 1}, "the file has a header but no data rows",
                     "at least one data row");
  }
  transaction.Commit();
  return context.summary;
}

}  // namespace linkage
