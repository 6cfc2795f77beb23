// Where the functions may be deployed: the regions Cloud Run functions (2nd gen, which
// `gcloud functions deploy --gen2` makes) runs in, so a typo or a 1st-gen-only region is refused
// before any command runs rather than by gcloud halfway through the deploy.

/**
 * From Google's "Cloud Run functions locations" page (cloud.google.com/functions/docs/locations),
 * Tier 1 and Tier 2 pricing, as listed for 2nd gen. Google adds regions now and then: when one is
 * missing here, add it (`gcloud functions regions list` prints the current one).
 */
export const CLOUD_RUN_FUNCTIONS_REGIONS: readonly string[] = [
  // Tier 1
  'asia-east1',
  'asia-northeast1',
  'asia-northeast2',
  'europe-north1',
  'europe-southwest1',
  'europe-west1',
  'europe-west4',
  'europe-west8',
  'europe-west9',
  'me-west1',
  'us-central1',
  'us-east1',
  'us-east4',
  'us-east5',
  'us-south1',
  'us-west1',
  // Tier 2
  'asia-east2',
  'asia-northeast3',
  'asia-south1',
  'asia-south2',
  'asia-southeast1',
  'asia-southeast2',
  'australia-southeast1',
  'australia-southeast2',
  'europe-central2',
  'europe-west2',
  'europe-west3',
  'europe-west6',
  'europe-west10',
  'europe-west12',
  'me-central1',
  'me-central2',
  'northamerica-northeast1',
  'northamerica-northeast2',
  'southamerica-east1',
  'southamerica-west1',
  'us-west2',
  'us-west3',
  'us-west4',
];

export const REGION_RULE =
  'must be a region Cloud Run functions (2nd gen) runs in, such as europe-west2 (London); the list is at https://cloud.google.com/functions/docs/locations';

export function isFunctionsRegion(region: string): boolean {
  return CLOUD_RUN_FUNCTIONS_REGIONS.includes(region);
}
