/**
 * @file indicators/dataset_exchange.h
 * @brief Figures in from the World Bank, Our World in Data and SDMX, and
 *        out to the formats others read.
 *
 * ## Imports
 * ind_dataset_import() reads a file in its source's own layout and brings
 * its figures into an open dataset (a new one with ::IND_OPEN_CREATE), with
 * the rules of ind_dataset_add(): every figure is checked before anything
 * changes, a refusal says `file:line:column`, and nothing is written until
 * ind_dataset_commit(). A figure the dataset holds already (same
 * indicator, entity, year, undated) is left alone when it is the same, and
 * revised when it changed (the old one kept in the history); a figure the
 * dataset lacks is added. Importing the same file twice changes nothing.
 * Indicators the catalog lacks are defined from the source's metadata
 * (title, unit, description, the span of years); entities are stored as
 * their codes (CHN, DEU, OWID_WRL, FR), their names kept as entity titles.
 *
 * - ::IND_IMPORT_WDI: the World Bank's CSV. The API download
 *   (`API_CODE_DS2_en_csv_v2_N.csv`: a UTF-8 BOM, four lines before the
 *   header, every field quoted, a trailing comma, one column per year,
 *   empty cells as gaps), with `Metadata_Indicator_*.csv` beside it for
 *   titles, source notes and the source organisation; or the bulk
 *   `WDICSV.csv` (no preamble), with `WDISeries.csv` beside it. Ids are
 *   the World Bank's codes (NY.GDP.MKTP.CD); the unit is the name's last
 *   parenthesis ("current US$"); an "(annual %)" growth code (.ZG) is a
 *   rate in percent.
 * - ::IND_IMPORT_OWID: Our World in Data's grapher CSV: `Entity,Code,Year`
 *   then one column per indicator (a `Day` column is refused: the store is
 *   yearly), with `NAME.metadata.json` beside it for short names (the ids),
 *   titles, units, descriptions, the time span and the citation. Entities
 *   without a code (continents) keep their name as the code.
 * - ::IND_IMPORT_SDMX: SDMX-CSV 1.0 (`DATAFLOW,...`) and 2.0
 *   (`STRUCTURE,STRUCTURE_ID[,STRUCTURE_NAME][,ACTION],...`), ids or
 *   "ID: Name" labels. The area dimension (REF_AREA, GEO, COUNTRY,
 *   LOCATION, or the one named) becomes the entity ("_Z", not applicable:
 *   the dataset's own subject); the other dimensions before OBS_VALUE,
 *   FREQ and TIME_PERIOD aside, name the indicator (the dataflow's id and
 *   their codes: NAMA_10_GDP.CP_MEUR.B1GQ; a lone INDICATOR dimension's
 *   code alone). OBS_STATUS and Eurostat's OBS_FLAG map to the status
 *   letters (a flag of several letters, or one with no letter, is kept in
 *   the note); UNIT_MEASURE gives the unit, OBS_COMMENT the note. Rows of
 *   other frequencies are left out and counted; missing values (empty,
 *   `NaN`, `:`) are gaps.
 *
 * Years beyond -9999..9999 (Our World in Data's 10000 BCE) are left out
 * and counted, not refused.
 *
 * ## Exports
 * ind_dataset_export() writes the figures used for each year (the choice
 * rule; an undecided year is refused) atomically:
 * - ::IND_EXPORT_OWID: `Entity,Code,Year,ID...` and `NAME.metadata.json`
 *   beside it (titles, units, descriptions, citations, spans): Our World
 *   in Data's layout, which ::IND_IMPORT_OWID reads back.
 * - ::IND_EXPORT_SDMX: SDMX-CSV 2.0 (1.0 with `sdmx_version` 1):
 *   dimensions INDICATOR, REF_AREA, FREQ (A), TIME_PERIOD; OBS_VALUE;
 *   attributes OBS_STATUS, UNIT_MEASURE, OBS_COMMENT.
 * - ::IND_EXPORT_WIDE: one row per series, one column per year, as
 *   spreadsheets want.
 * - ::IND_EXPORT_DATAPACKAGE: a Frictionless Tabular Data Package in a
 *   folder: `values.csv` (the figure used per year), `readings.csv` (every
 *   reading), `indicators.csv`, `entities.csv`, and `datapackage.json`
 *   with their Table Schemas, primary and foreign keys and the sources.
 */
#ifndef INDICATORS_DATASET_EXCHANGE_H
#define INDICATORS_DATASET_EXCHANGE_H

#include <stddef.h>
#include "indicators/export.h"
#include "indicators/error.h"
#include "indicators/dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The layouts ind_dataset_import() reads. */
typedef enum ind_import_format {
    IND_IMPORT_WDI,    /**< World Bank WDI CSV (API download or bulk). */
    IND_IMPORT_OWID,   /**< Our World in Data grapher CSV. */
    IND_IMPORT_SDMX    /**< SDMX-CSV 1.0 or 2.0. */
} ind_import_format;

/** Options of ind_dataset_import(). */
typedef struct ind_import_options {
    const char *const *indicators; /**< Keep only these source codes (NULL: all). */
    size_t nindicators;
    const char *const *entities;   /**< Keep only these entity codes (NULL: all). */
    size_t nentities;
    ind_kind kind;                 /**< Kind of the indicators an import defines, when the source does not say (default: unspecified). */
    const char *area;              /**< SDMX: the area dimension's id (NULL: found by name). */
    const char *prefix;            /**< SDMX: what names the indicators before their codes (NULL: the dataflow's id; "": nothing). */
} ind_import_options;

/** Default options. */
#define IND_IMPORT_OPTIONS_INIT \
    { NULL, 0, NULL, 0, IND_KIND_UNSPECIFIED, NULL, NULL }

/** What an import did, or would do. */
typedef struct ind_import_summary {
    size_t indicators;          /**< Indicators in the file (after the filters). */
    size_t indicators_defined;  /**< Of them, new to the catalog. */
    size_t entities;            /**< Entities in the file (after the filters). */
    size_t entities_titled;     /**< Entity titles new to the dataset. */
    size_t figures;             /**< Figures read. */
    size_t added;               /**< New readings. */
    size_t revised;             /**< Readings whose figure or status changed (the old kept in the history). */
    size_t unchanged;           /**< Figures the dataset held already. */
    size_t gaps;                /**< Empty cells (years without a figure). */
    size_t filtered;            /**< Figures left out by the filters. */
    size_t beyond_years;        /**< Figures of years beyond -9999..9999, left out. */
    size_t not_yearly;          /**< SDMX rows of another frequency, left out. */
    char source[256];           /**< The source as the readings cite it. */
} ind_import_summary;

/**
 * Import the file at `path` into `ds` (opened with ::IND_OPEN_WRITE, and
 * ::IND_OPEN_CREATE for a new dataset). Nothing is written: commit to keep.
 * @param opt NULL for the defaults
 * @param out receives the summary (may be NULL)
 * @return IND_OK; ::IND_ENOTFOUND / ::IND_EIO (the file); ::IND_EPARSE /
 *         ::IND_EDATA (a layout, a figure or a rule, as `path:line:column:
 *         message`); ::IND_EEXISTS; ::IND_EINVAL (not writable, bad
 *         options); ::IND_ENOMEM. After a failure part way the handle
 *         refuses to commit.
 */
IND_EXTERN int ind_dataset_import(ind_dataset *ds, ind_import_format format,
                                  const char *path,
                                  const ind_import_options *opt,
                                  ind_import_summary *out, ind_error *err);

/** The formats ind_dataset_export() writes. */
typedef enum ind_export_format {
    IND_EXPORT_OWID,         /**< Our World in Data grapher CSV and metadata JSON. */
    IND_EXPORT_SDMX,         /**< SDMX-CSV. */
    IND_EXPORT_WIDE,         /**< One column per year. */
    IND_EXPORT_DATAPACKAGE   /**< A Frictionless Tabular Data Package (a folder). */
} ind_export_format;

/** Options of ind_dataset_export(). */
typedef struct ind_export_options {
    const char *const *indicators; /**< Only these indicators (NULL: all). */
    size_t nindicators;
    const char *const *entities;   /**< Only these entities (NULL: all; "" is the subject). */
    size_t nentities;
    const char *subject;           /**< The code of the dataset's own subject (entity ""), as OWID's Code and SDMX's REF_AREA (NULL: none; SDMX then writes _Z). */
    const char *subject_name;      /**< Its name, as OWID's Entity (NULL: the code's title, or the code, or the dataset's name). */
    const char *dataflow;          /**< SDMX: the structure, AGENCY:ID(VERSION) (NULL: IND:NAME(1.0)). */
    int sdmx_version;              /**< SDMX-CSV 1 or 2 (0: 2). */
    const char *name;              /**< Data package name (NULL: the dataset's file name). */
} ind_export_options;

/** Default options. */
#define IND_EXPORT_OPTIONS_INIT { NULL, 0, NULL, 0, NULL, NULL, NULL, 0, NULL }

/** What an export wrote. */
typedef struct ind_export_summary {
    size_t series;     /**< Series written. */
    size_t values;     /**< Figures written. */
    size_t files;      /**< Files written. */
} ind_export_summary;

/**
 * Export the dataset to `path` (a file, or for a data package a folder,
 * created if missing). Each file is replaced atomically.
 * @return IND_OK; ::IND_EDATA (an undecided year: the message names it;
 *         nothing matches the filters); ::IND_ENOTFOUND (an indicator or
 *         entity of the filters); ::IND_EWRITE; ::IND_EINVAL; ::IND_ENOMEM.
 */
IND_EXTERN int ind_dataset_export(ind_dataset *ds, ind_export_format format,
                                  const char *path,
                                  const ind_export_options *opt,
                                  ind_export_summary *out, ind_error *err);

#ifdef __cplusplus
}
#endif

#endif /* INDICATORS_DATASET_EXCHANGE_H */
