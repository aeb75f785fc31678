/**
 * What a search may name: entity types (`metrics.`, `params.`, `tags.`, `attributes.`) and the
 * attributes of runs or experiments, with MLflow's aliases (`created` = start_time,
 * `Run name` = run_name). One table per searchable thing; the parsers read only these tables.
 */

/** `dataset`: the run's logged inputs (runs/log-inputs), `datasets.name = 'mnist'`. */
export type EntityType = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';

/** MLflow accepts several spellings of each entity prefix (SearchUtils._VALID_IDENTIFIERS). */
export const ENTITY_PREFIXES: Readonly<Record<string, EntityType>> = {
  metric: 'metric',
  metrics: 'metric',
  param: 'param',
  params: 'param',
  parameter: 'param',
  parameters: 'param',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
  dataset: 'dataset',
  datasets: 'dataset',
};

/** What a `datasets.` filter may name (MLflow's SearchUtils: name, digest, and the input's context tag). */
export const DATASET_KEYS: readonly string[] = ['name', 'digest', 'context'];

export type AttributeType = 'number' | 'string';

export interface AttributeSpec {
  /** The canonical name the evaluator looks up (aliases map onto it). */
  key: string;
  type: AttributeType;
  /** May appear in a filter (some attributes are only orderable). */
  filterable: boolean;
  /** Accepts `IN (...)` / `NOT IN (...)` (MLflow allows it for run_id only). */
  list?: boolean;
}

export interface SearchSchema {
  /** What the searched things are called in messages: "run", "experiment". */
  noun: string;
  entities: ReadonlySet<EntityType>;
  /** Every accepted attribute spelling → its spec. */
  attributes: Readonly<Record<string, AttributeSpec>>;
}

const num = (key: string, filterable = true): AttributeSpec => ({ key, type: 'number', filterable });
const str = (key: string, filterable = true): AttributeSpec => ({ key, type: 'string', filterable });

export const RUN_SEARCH: SearchSchema = {
  noun: 'run',
  entities: new Set<EntityType>(['metric', 'param', 'tag', 'attribute', 'dataset']),
  attributes: {
    run_id: { ...str('run_id'), list: true },
    run_name: str('run_name'),
    'run name': str('run_name'),
    'Run name': str('run_name'),
    'Run Name': str('run_name'),
    status: str('status'),
    user_id: str('user_id'),
    artifact_uri: str('artifact_uri'),
    start_time: num('start_time'),
    created: num('start_time'),
    Created: num('start_time'),
    end_time: num('end_time'),
  },
};

export const EXPERIMENT_SEARCH: SearchSchema = {
  noun: 'experiment',
  entities: new Set<EntityType>(['tag', 'attribute']),
  attributes: {
    name: str('name'),
    creation_time: num('creation_time'),
    last_update_time: num('last_update_time'),
    experiment_id: str('experiment_id', false),
  },
};

/** registered-models/search: `name LIKE 'mnist%'`, `tags.team = 'vision'` (MLflow's SearchModelUtils). */
export const REGISTERED_MODEL_SEARCH: SearchSchema = {
  noun: 'registered model',
  entities: new Set<EntityType>(['tag', 'attribute']),
  attributes: {
    name: str('name'),
    creation_timestamp: num('creation_timestamp', false),
    timestamp: num('last_updated_timestamp', false),
    last_updated_timestamp: num('last_updated_timestamp', false),
  },
};

/** model-versions/search: `name = 'mnist'`, `run_id IN ('a', 'b')`, `source_path = '…'`, `version_number > 2`, `tags.k = 'v'`. */
export const MODEL_VERSION_SEARCH: SearchSchema = {
  noun: 'model version',
  entities: new Set<EntityType>(['tag', 'attribute']),
  attributes: {
    name: str('name'),
    run_id: { ...str('run_id'), list: true },
    source_path: str('source_path'),
    version_number: num('version_number'),
    creation_timestamp: num('creation_timestamp', false),
    timestamp: num('last_updated_timestamp', false),
    last_updated_timestamp: num('last_updated_timestamp', false),
  },
};

export function attributeNames(schema: SearchSchema, filterable: boolean): string {
  return Object.keys(schema.attributes)
    .filter((k) => !filterable || schema.attributes[k].filterable)
    .join(', ');
}
