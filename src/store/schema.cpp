#include "store/schema.hpp"

#include <fmt/format.h>

#include <array>
#include <string_view>

#include "core/error.hpp"

namespace linkage {

namespace {

// Each entry moves the schema from version i to i + 1. Never edit a released entry: append a new one.
constexpr std::array<std::string_view, 8> kMigrations = {
    R"sql(
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  dataset TEXT NOT NULL,          -- e.g. imf-dots, wdi, wits, cepii-geodist, user
  format TEXT NOT NULL,           -- the importer that read it
  path TEXT NOT NULL,             -- as given on import
  sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  citation TEXT NOT NULL,
  terms TEXT NOT NULL,
  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE actors (
  id TEXT PRIMARY KEY,            -- ISO alpha-3 where one exists, else a namespaced id such as COW:BAV
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('state', 'territory', 'historic', 'aggregate')),
  iso2 TEXT, m49 INTEGER, cow_code INTEGER, cow_abb TEXT,
  ended TEXT,                     -- date a historic state ceased to exist
  source_id INTEGER REFERENCES sources(id)
);
CREATE TABLE actor_aliases (
  scheme TEXT NOT NULL,           -- iso3, iso2, m49, cow, cowabb, cepii, name
  alias TEXT NOT NULL,            -- normalised (names) or upper-cased (codes)
  actor_id TEXT NOT NULL REFERENCES actors(id),
  origin TEXT NOT NULL,           -- which table or file taught us this alias
  PRIMARY KEY (scheme, alias, actor_id)
);
CREATE TABLE memberships (
  org TEXT NOT NULL,
  actor_id TEXT NOT NULL REFERENCES actors(id),
  role TEXT NOT NULL,
  start_date TEXT,                -- ISO date; NULL when not known
  end_date TEXT,                  -- ISO date; NULL when still in force
  confidence TEXT NOT NULL,
  citation TEXT NOT NULL,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  source_line INTEGER NOT NULL
);
CREATE INDEX memberships_org ON memberships(org);
CREATE TABLE org_aliases (
  alias TEXT PRIMARY KEY,         -- normalised name
  org TEXT NOT NULL
);
CREATE TABLE actor_attributes (
  dataset TEXT NOT NULL,
  actor_id TEXT NOT NULL REFERENCES actors(id),
  name TEXT NOT NULL,             -- time-invariant facts: area, landlocked, lat, lon, ...
  value REAL,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  source_line INTEGER NOT NULL,
  PRIMARY KEY (dataset, actor_id, name)
) WITHOUT ROWID;
CREATE TABLE regions (
  region TEXT NOT NULL,
  actor_id TEXT NOT NULL REFERENCES actors(id),
  start_date TEXT,
  end_date TEXT,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  source_line INTEGER NOT NULL,
  PRIMARY KEY (region, actor_id, start_date)
);
CREATE TABLE series (
  dataset TEXT NOT NULL,
  code TEXT NOT NULL,             -- publisher's indicator code, e.g. NY.GDP.MKTP.CD
  actor_id TEXT NOT NULL REFERENCES actors(id),
  year INTEGER NOT NULL,
  value REAL,                     -- NULL = published as missing
  unit TEXT NOT NULL,
  estimated INTEGER NOT NULL DEFAULT 0,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  source_line INTEGER NOT NULL,
  transform TEXT NOT NULL,
  PRIMARY KEY (dataset, code, actor_id, year)
) WITHOUT ROWID;
CREATE TABLE series_catalog (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  unit TEXT NOT NULL,
  source_id INTEGER REFERENCES sources(id)
);
CREATE TABLE flows (
  dataset TEXT NOT NULL,
  reporter TEXT NOT NULL REFERENCES actors(id),
  partner TEXT NOT NULL REFERENCES actors(id),
  flow TEXT NOT NULL CHECK (flow IN ('X', 'M')),
  year INTEGER NOT NULL,
  product TEXT NOT NULL,          -- TOTAL, or an HS code at the level below
  level TEXT NOT NULL,            -- total, hs2, hs4, hs6, section
  value_usd REAL,                 -- US dollars; NULL = published as missing
  estimated INTEGER NOT NULL DEFAULT 0,
  valuation TEXT NOT NULL,        -- FOB, CIF or as published
  source_id INTEGER NOT NULL REFERENCES sources(id),
  source_line INTEGER NOT NULL,   -- first line; derived rows also name the rule in transform
  transform TEXT NOT NULL,
  PRIMARY KEY (dataset, reporter, partner, flow, year, product)
) WITHOUT ROWID;
CREATE INDEX flows_partner ON flows(partner, reporter, flow, year);
CREATE TABLE dyad_attributes (
  dataset TEXT NOT NULL,
  actor_a TEXT NOT NULL REFERENCES actors(id),
  actor_b TEXT NOT NULL REFERENCES actors(id),
  name TEXT NOT NULL,             -- dist, distcap, distw, contig, comlang_off, ...
  value REAL,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  source_line INTEGER NOT NULL,
  PRIMARY KEY (dataset, actor_a, actor_b, name)
) WITHOUT ROWID;
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  dataset TEXT NOT NULL,
  date TEXT NOT NULL,             -- YYYY, YYYY-MM or YYYY-MM-DD as precise as the source
  source_actor TEXT NOT NULL,
  target_actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  code TEXT,
  dimension TEXT NOT NULL CHECK (dimension IN ('economic', 'security', 'political')),
  intensity REAL,
  description TEXT,
  citation TEXT,
  confidence TEXT,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  source_line INTEGER NOT NULL
);
)sql",
    // 2: UN General Assembly roll-call votes, one row per roll call and actor that cast a vote.
    R"sql(
CREATE TABLE votes (
  dataset TEXT NOT NULL,
  rcid TEXT NOT NULL,             -- the roll call's id in its source
  date TEXT NOT NULL,             -- ISO date of the vote
  actor_id TEXT NOT NULL REFERENCES actors(id),
  vote TEXT NOT NULL CHECK (vote IN ('yes', 'abstain', 'no')),
  source_id INTEGER NOT NULL REFERENCES sources(id),
  source_line INTEGER NOT NULL,
  PRIMARY KEY (dataset, rcid, actor_id)
);
CREATE INDEX votes_by_actor ON votes (actor_id, date);
)sql",
    // 3: dyad-year data (alliances, shared IGOs, contiguity), arms deliveries as registered, coded events.
    R"sql(
CREATE TABLE dyad_series (
  dataset TEXT NOT NULL,
  code TEXT NOT NULL,             -- e.g. ATOP.DEFENSE, COW.IGO.SHARED, COW.CONTIG
  actor_a TEXT NOT NULL REFERENCES actors(id),
  actor_b TEXT NOT NULL REFERENCES actors(id),
  year INTEGER NOT NULL,
  value REAL,                     -- NULL = published as missing
  unit TEXT NOT NULL,
  directed INTEGER NOT NULL,      -- 1: from actor_a to actor_b; 0: the pair, stored once in either order
  source_id INTEGER NOT NULL REFERENCES sources(id),
  source_line INTEGER NOT NULL,
  transform TEXT NOT NULL,
  PRIMARY KEY (dataset, code, actor_a, actor_b, year)
) WITHOUT ROWID;
CREATE INDEX dyad_series_by_code ON dyad_series (code, actor_a, actor_b, year);
-- Indicators look series up by code, actor and year in whichever dataset holds them.
CREATE INDEX series_by_code ON series (code, actor_id, year);
CREATE TABLE arms_deliveries (
  dataset TEXT NOT NULL,
  deal_id TEXT NOT NULL,          -- the register's deal id; a deal has one row per delivery year
  supplier TEXT REFERENCES actors(id),   -- NULL when the supplier is not a state (rebels, NATO, unknown)
  recipient TEXT REFERENCES actors(id),  -- NULL when the recipient is not a state
  supplier_name TEXT NOT NULL,    -- as published
  recipient_name TEXT NOT NULL,
  year INTEGER NOT NULL,          -- delivery year
  tiv REAL,                       -- SIPRI trend-indicator value delivered, millions; NULL = none identified
  estimated INTEGER NOT NULL,     -- the register marks the number or year delivered as an estimate or '?'
  weapon TEXT NOT NULL,
  category TEXT NOT NULL,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  source_line INTEGER NOT NULL
);
CREATE INDEX arms_by_recipient ON arms_deliveries (recipient, year);
CREATE UNIQUE INDEX arms_once ON arms_deliveries (dataset, deal_id, year, supplier_name, recipient_name, weapon);
ALTER TABLE events ADD COLUMN quad_class INTEGER CHECK (quad_class BETWEEN 1 AND 4);
ALTER TABLE events ADD COLUMN source_event_id TEXT;   -- the source's id, so that a second import adds nothing
CREATE INDEX events_by_dyad ON events (source_actor, target_actor, date);
CREATE UNIQUE INDEX events_once ON events (dataset, source_event_id, source_actor, target_actor, coalesce(code, ''));
)sql",
    // 4: memberships from several sources: organisations that succeed others, and the spells in force after
    // the precedence rule (curated spells, then COW IGO to 2014, then the World Factbook), kept by
    // RefreshEffectiveMemberships.
    R"sql(
CREATE TABLE org_successions (
  org TEXT NOT NULL,              -- its spells end when a member's spell of the successor begins
  successor TEXT NOT NULL,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  source_line INTEGER NOT NULL,
  PRIMARY KEY (org, successor)
);
CREATE INDEX memberships_by_actor ON memberships (actor_id, org);
CREATE TABLE effective_memberships (
  org TEXT NOT NULL,
  actor_id TEXT NOT NULL REFERENCES actors(id),
  role TEXT NOT NULL,
  start_date TEXT,                -- as stored, or where the precedence rule hands over to another source
  end_date TEXT,
  confidence TEXT NOT NULL,
  citation TEXT NOT NULL,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  source_line INTEGER NOT NULL,
  dataset TEXT NOT NULL,          -- the source's dataset: cow-igo, factbook, or a curated one
  note TEXT                       -- how the precedence or a succession changed the stored spell
);
CREATE INDEX effective_by_org ON effective_memberships (org, actor_id);
CREATE INDEX effective_by_actor ON effective_memberships (actor_id, org);
)sql",
    // 5: trade agreements in force by pair (DESTA's parties and sides, HUGGO's state dates).
    R"sql(
CREATE TABLE agreement_pairs (
  agreement TEXT NOT NULL,        -- e.g. DESTA 636
  name TEXT NOT NULL,             -- as the source names it
  actor_a TEXT NOT NULL REFERENCES actors(id),
  actor_b TEXT NOT NULL REFERENCES actors(id),  -- actor_a < actor_b: an agreement binds the pair both ways
  start_date TEXT NOT NULL,       -- ISO date as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD
  end_date TEXT,                  -- NULL when still in force
  dates TEXT NOT NULL,            -- where the dates come from (huggo, desta entry into force, ...)
  citation TEXT NOT NULL,         -- the source rows, e.g. DESTA 330 (line 443); HUGGO ECMEXC_2000O
  source_id INTEGER NOT NULL REFERENCES sources(id),
  source_line INTEGER NOT NULL,
  PRIMARY KEY (agreement, actor_a, actor_b)
) WITHOUT ROWID;
CREATE INDEX agreement_pairs_by_pair ON agreement_pairs (actor_a, actor_b);
)sql",
    // 6: what interactive use reads without scanning the large tables: dyad series by code and year first (a
    // code's first and last years are two index probes; the index's size is unchanged), the arms register by
    // year, agreements by their entry into force, each dataset's first and last years of flows (widened by
    // every import, ExtendFlowYears) and each source file's first and last years with a value (written by the
    // import that read it).
    R"sql(
DROP INDEX dyad_series_by_code;
CREATE INDEX dyad_series_by_code_year ON dyad_series (code, year, actor_a, actor_b);
CREATE TABLE flow_years (
  dataset TEXT PRIMARY KEY,
  first_year INTEGER NOT NULL,
  last_year INTEGER NOT NULL
);
INSERT INTO flow_years SELECT dataset, min(year), max(year) FROM flows GROUP BY dataset;
CREATE INDEX arms_by_year ON arms_deliveries (year);
CREATE INDEX agreement_pairs_by_start ON agreement_pairs (start_date);
CREATE TABLE source_years (
  source_id INTEGER PRIMARY KEY REFERENCES sources(id),
  first_year INTEGER NOT NULL,
  last_year INTEGER NOT NULL
);
INSERT INTO source_years (source_id, first_year, last_year)
SELECT source_id, min(first), max(last) FROM (
  SELECT source_id, min(year) AS first, max(year) AS last FROM flows WHERE value_usd IS NOT NULL
    GROUP BY source_id
  UNION ALL SELECT source_id, min(year), max(year) FROM series WHERE value IS NOT NULL GROUP BY source_id
  UNION ALL SELECT source_id, min(year), max(year) FROM dyad_series WHERE value IS NOT NULL GROUP BY source_id
  UNION ALL SELECT source_id, min(year), max(year) FROM arms_deliveries GROUP BY source_id
  UNION ALL SELECT source_id, min(CAST(substr(date, 1, 4) AS INTEGER)), max(CAST(substr(date, 1, 4) AS INTEGER))
    FROM votes GROUP BY source_id
  UNION ALL SELECT source_id, min(CAST(substr(date, 1, 4) AS INTEGER)), max(CAST(substr(date, 1, 4) AS INTEGER))
    FROM events GROUP BY source_id
  UNION ALL SELECT source_id, min(CAST(substr(start_date, 1, 4) AS INTEGER)),
    max(CAST(substr(coalesce(end_date, start_date), 1, 4) AS INTEGER)) FROM memberships
    WHERE start_date IS NOT NULL GROUP BY source_id
  UNION ALL SELECT source_id, min(CAST(substr(start_date, 1, 4) AS INTEGER)),
    max(CAST(substr(start_date, 1, 4) AS INTEGER)) FROM agreement_pairs GROUP BY source_id
) GROUP BY source_id HAVING min(first) IS NOT NULL;
)sql",
    // 7: the large tables keep what every row would repeat once. A series' dataset and code are a row of
    // series_keys, a flow's dataset, direction and product a row of flow_keys; the source file, unit and rule
    // that made a value are a row of value_rules (series and dyad series) or flow_rules (flows). The value
    // rows refer to them by number, keyed in the order they are read (a code's years first), and the old
    // names are views that read as before. Votes lose their rowid: the primary key is the table.
    R"sql(
CREATE TABLE series_keys (
  id INTEGER PRIMARY KEY,
  dataset TEXT NOT NULL,
  code TEXT NOT NULL,
  UNIQUE (dataset, code)
);
CREATE INDEX series_keys_by_code ON series_keys (code, dataset);
CREATE TABLE value_rules (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  unit TEXT NOT NULL,
  transform TEXT NOT NULL,
  UNIQUE (source_id, unit, transform)
);
CREATE TABLE flow_keys (
  id INTEGER PRIMARY KEY,
  dataset TEXT NOT NULL,
  flow TEXT NOT NULL CHECK (flow IN ('X', 'M')),
  product TEXT NOT NULL,
  UNIQUE (dataset, flow, product)
);
CREATE TABLE flow_rules (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  level TEXT NOT NULL,
  valuation TEXT NOT NULL,
  transform TEXT NOT NULL,
  UNIQUE (source_id, level, valuation, transform)
);
CREATE TABLE series_values (
  key_id INTEGER NOT NULL REFERENCES series_keys(id),
  actor_id TEXT NOT NULL REFERENCES actors(id),
  year INTEGER NOT NULL,
  value REAL,
  estimated INTEGER NOT NULL DEFAULT 0,
  rule_id INTEGER NOT NULL REFERENCES value_rules(id),
  source_line INTEGER NOT NULL,
  PRIMARY KEY (key_id, actor_id, year)
) WITHOUT ROWID;
CREATE TABLE dyad_values (
  key_id INTEGER NOT NULL REFERENCES series_keys(id),
  year INTEGER NOT NULL,
  actor_a TEXT NOT NULL REFERENCES actors(id),
  actor_b TEXT NOT NULL REFERENCES actors(id),
  value REAL,
  directed INTEGER NOT NULL,
  rule_id INTEGER NOT NULL REFERENCES value_rules(id),
  source_line INTEGER NOT NULL,
  PRIMARY KEY (key_id, year, actor_a, actor_b)
) WITHOUT ROWID;
CREATE TABLE flow_values (
  key_id INTEGER NOT NULL REFERENCES flow_keys(id),
  reporter TEXT NOT NULL REFERENCES actors(id),
  partner TEXT NOT NULL REFERENCES actors(id),
  year INTEGER NOT NULL,
  value_usd REAL,
  estimated INTEGER NOT NULL DEFAULT 0,
  rule_id INTEGER NOT NULL REFERENCES flow_rules(id),
  source_line INTEGER NOT NULL,
  PRIMARY KEY (key_id, reporter, partner, year)
) WITHOUT ROWID;
INSERT INTO series_keys (dataset, code)
  SELECT dataset, code FROM series UNION SELECT dataset, code FROM dyad_series;
INSERT INTO value_rules (source_id, unit, transform)
  SELECT source_id, unit, transform FROM series UNION SELECT source_id, unit, transform FROM dyad_series;
INSERT INTO flow_keys (dataset, flow, product) SELECT DISTINCT dataset, flow, product FROM flows;
INSERT INTO flow_rules (source_id, level, valuation, transform)
  SELECT DISTINCT source_id, level, valuation, transform FROM flows;
INSERT INTO series_values
  SELECT k.id, s.actor_id, s.year, s.value, s.estimated, r.id, s.source_line FROM series s
  JOIN series_keys k ON k.dataset = s.dataset AND k.code = s.code
  JOIN value_rules r ON r.source_id = s.source_id AND r.unit = s.unit AND r.transform = s.transform;
INSERT INTO dyad_values
  SELECT k.id, d.year, d.actor_a, d.actor_b, d.value, d.directed, r.id, d.source_line FROM dyad_series d
  JOIN series_keys k ON k.dataset = d.dataset AND k.code = d.code
  JOIN value_rules r ON r.source_id = d.source_id AND r.unit = d.unit AND r.transform = d.transform;
INSERT INTO flow_values
  SELECT k.id, f.reporter, f.partner, f.year, f.value_usd, f.estimated, r.id, f.source_line FROM flows f
  JOIN flow_keys k ON k.dataset = f.dataset AND k.flow = f.flow AND k.product = f.product
  JOIN flow_rules r ON r.source_id = f.source_id AND r.level = f.level AND r.valuation = f.valuation
    AND r.transform = f.transform;
DROP TABLE series;
DROP TABLE dyad_series;
DROP TABLE flows;
CREATE INDEX flow_values_by_partner ON flow_values (key_id, partner, year);
CREATE VIEW series AS
  SELECT k.dataset, k.code, v.actor_id, v.year, v.value, r.unit, v.estimated, r.source_id, v.source_line,
         r.transform
  FROM series_values v JOIN series_keys k ON k.id = v.key_id JOIN value_rules r ON r.id = v.rule_id;
CREATE VIEW dyad_series AS
  SELECT k.dataset, k.code, v.actor_a, v.actor_b, v.year, v.value, r.unit, v.directed, r.source_id,
         v.source_line, r.transform
  FROM dyad_values v JOIN series_keys k ON k.id = v.key_id JOIN value_rules r ON r.id = v.rule_id;
CREATE VIEW flows AS
  SELECT k.dataset, v.reporter, v.partner, k.flow, v.year, k.product, r.level, v.value_usd, v.estimated,
         r.valuation, r.source_id, v.source_line, r.transform
  FROM flow_values v JOIN flow_keys k ON k.id = v.key_id JOIN flow_rules r ON r.id = v.rule_id;
CREATE TABLE votes_by_roll_call (
  dataset TEXT NOT NULL,
  rcid TEXT NOT NULL,
  date TEXT NOT NULL,
  actor_id TEXT NOT NULL REFERENCES actors(id),
  vote TEXT NOT NULL CHECK (vote IN ('yes', 'abstain', 'no')),
  source_id INTEGER NOT NULL REFERENCES sources(id),
  source_line INTEGER NOT NULL,
  PRIMARY KEY (dataset, rcid, actor_id)
) WITHOUT ROWID;
INSERT INTO votes_by_roll_call SELECT dataset, rcid, date, actor_id, vote, source_id, source_line FROM votes;
DROP TABLE votes;
ALTER TABLE votes_by_roll_call RENAME TO votes;
CREATE INDEX votes_by_actor ON votes (actor_id, date);
)sql",
    // 8: a roll call's dataset, id and date are stored once (roll_calls) instead of on each of its ~150
    // votes; the votes refer to it by number (roll_call_votes), and `votes` is a view with the old columns.
    R"sql(
CREATE TABLE roll_calls (
  id INTEGER PRIMARY KEY,
  dataset TEXT NOT NULL,
  rcid TEXT NOT NULL,
  date TEXT NOT NULL,
  UNIQUE (dataset, rcid)
);
CREATE TABLE roll_call_votes (
  roll_call_id INTEGER NOT NULL REFERENCES roll_calls(id),
  actor_id TEXT NOT NULL REFERENCES actors(id),
  vote TEXT NOT NULL CHECK (vote IN ('yes', 'abstain', 'no')),
  source_id INTEGER NOT NULL REFERENCES sources(id),
  source_line INTEGER NOT NULL,
  PRIMARY KEY (roll_call_id, actor_id)
) WITHOUT ROWID;
INSERT INTO roll_calls (dataset, rcid, date)
  SELECT dataset, rcid, min(date) FROM votes GROUP BY dataset, rcid ORDER BY min(date), dataset, rcid;
INSERT INTO roll_call_votes
  SELECT r.id, v.actor_id, v.vote, v.source_id, v.source_line FROM votes v
  JOIN roll_calls r ON r.dataset = v.dataset AND r.rcid = v.rcid;
DROP TABLE votes;
CREATE INDEX roll_call_votes_by_actor ON roll_call_votes (actor_id, roll_call_id);
CREATE VIEW votes AS
  SELECT r.dataset, r.rcid, r.date, v.actor_id, v.vote, v.source_id, v.source_line
  FROM roll_call_votes v JOIN roll_calls r ON r.id = v.roll_call_id;
)sql",
};

// The migrations that store repeated text once (version 7: each value's dataset, code and rule; version 8:
// each roll call's dataset, id and date). Each leaves the old tables' pages free inside the file.
constexpr int kFirstCompactingVersion = 7;
constexpr int kLastCompactingVersion = 8;

// The migration that added effective_memberships: a workspace from before it has them computed once.
constexpr int kEffectiveMembershipsVersion = 4;

// Curated spells (any dataset but cow-igo and factbook) decide an (organisation, state) pair alone; otherwise
// COW IGO spells hold to the end of 2014 and the Factbook's from 2015 (or throughout for an organisation COW
// does not cover). A spell ends when the same state's spell of a successor organisation begins.
constexpr std::string_view kEffectiveMemberships = R"sql(
DELETE FROM effective_memberships;
INSERT INTO effective_memberships
  (org, actor_id, role, start_date, end_date, confidence, citation, source_id, source_line, dataset, note)
WITH tiered AS (
  SELECT m.org, m.actor_id, m.role, m.start_date, m.end_date, m.confidence, m.citation, m.source_id,
         m.source_line, s.dataset,
         CASE s.dataset WHEN 'cow-igo' THEN 2 WHEN 'factbook' THEN 3 ELSE 1 END AS tier
  FROM memberships m JOIN sources s ON s.id = m.source_id
),
curated_pairs AS (SELECT DISTINCT org, actor_id FROM tiered WHERE tier = 1),
cow_orgs AS (SELECT DISTINCT org FROM tiered WHERE tier = 2),
kept AS (
  SELECT t.org, t.actor_id, t.role, t.confidence, t.citation, t.source_id, t.source_line, t.dataset,
         CASE WHEN t.tier = 3 AND t.org IN (SELECT org FROM cow_orgs)
                   AND (t.start_date IS NULL OR t.start_date < '2015')
              THEN '2015-01-01' ELSE t.start_date END AS start_date,
         CASE WHEN t.tier = 2 AND (t.end_date IS NULL OR t.end_date > '2015-01-01')
              THEN '2015-01-01' ELSE t.end_date END AS end_date,
         CASE WHEN t.tier = 3 AND t.org IN (SELECT org FROM cow_orgs)
                   AND (t.start_date IS NULL OR t.start_date < '2015')
              THEN 'from 2015: COW IGO holds the years before'
              WHEN t.tier = 2 AND (t.end_date IS NULL OR t.end_date > '2015-01-01')
              THEN 'to 2014: COW IGO data end' END AS note
  FROM tiered t
  WHERE t.tier = 1 OR (t.org, t.actor_id) NOT IN (SELECT org, actor_id FROM curated_pairs)
),
valid AS (SELECT * FROM kept WHERE start_date IS NULL OR end_date IS NULL OR start_date < end_date),
succeeded AS (
  SELECT v.*,
         (SELECT min(n.start_date) FROM org_successions o
            JOIN valid n ON n.org = o.successor AND n.actor_id = v.actor_id AND n.role = 'member'
           WHERE o.org = v.org AND n.start_date IS NOT NULL
             AND (v.start_date IS NULL OR n.start_date > v.start_date)
             AND (v.end_date IS NULL OR n.start_date < v.end_date)) AS successor_start
  FROM valid v
)
SELECT org, actor_id, role, start_date, coalesce(successor_start, end_date), confidence, citation, source_id,
       source_line, dataset,
       CASE WHEN successor_start IS NOT NULL THEN 'ended when the successor organisation began'
            ELSE note END
FROM succeeded;
)sql";

}  // namespace

int CurrentSchemaVersion() {
  return static_cast<int>(kMigrations.size());
}

void MigrateSchema(Database& database) {
  MigrateSchemaTo(database, CurrentSchemaVersion());
}

void MigrateSchemaTo(Database& database, int target) {
  const auto version = static_cast<int>(database.QueryInt("PRAGMA user_version"));
  if (version > CurrentSchemaVersion()) {
    throw StoreError(
        fmt::format("workspace {} has schema version {}, newer than this Linkage understands ({}); "
                    "use a newer Linkage",
                    database.Path(), version, CurrentSchemaVersion()));
  }
  if (version >= target) return;
  Transaction transaction(database);
  for (int step = version; step < target; ++step) {
    database.Execute(kMigrations[static_cast<std::size_t>(step)]);
  }
  if (version < kEffectiveMembershipsVersion && target >= kEffectiveMembershipsVersion) {
    RefreshEffectiveMemberships(database);
  }
  database.Execute(fmt::format("PRAGMA user_version = {}", target));
  transaction.Commit();
  // The moves to versions 7 and 8 leave the old tables' pages free inside the file (as large as the new
  // tables); they are given back once. Another connection reading at the same moment keeps them for later
  // reuse.
  if (version > 0 && version < kLastCompactingVersion && target >= kFirstCompactingVersion) {
    sqlite3_exec(database.Handle(), "VACUUM", nullptr, nullptr, nullptr);
  }
}

void RefreshEffectiveMemberships(Database& database) {
  database.Execute(kEffectiveMemberships);
}

void ExtendFlowYears(Database& database, const std::string& dataset, int first, int last) {
  Statement extend(database,
                   "INSERT INTO flow_years (dataset, first_year, last_year) VALUES (?, ?, ?) "
                   "ON CONFLICT (dataset) DO UPDATE SET first_year = min(first_year, excluded.first_year), "
                   "last_year = max(last_year, excluded.last_year)");
  extend.Bind(1, dataset).Bind(2, first).Bind(3, last).Run();
}

}  // namespace linkage
