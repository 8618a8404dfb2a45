/**
 * AWS edge locations by metro: where CloudFront points of presence (POPs) serve viewers, and where
 * (by assumption, below) Global Accelerator's anycast addresses are announced.
 *
 * Sources:
 * - "The global edge network currently consists of over 410 PoPs, including more than 400 Edge
 *   Locations, and 13 regional mid-tier caches in over 90 cities across 48 countries" (AWS Fault
 *   Isolation Boundaries whitepaper, "Points of presence",
 *   https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/points-of-presence.html).
 * - The cities: the "Points of Presence" list of the Amazon CloudFront Key Features page
 *   (https://aws.amazon.com/cloudfront/features/), read by country and reduced to the catalog's
 *   metros: a POP in a suburb counts for the metro around it (Ashburn for Washington, Newark for
 *   New York, Tlalnepantla for Mexico City, Vega Baja for San Juan). CloudFront in mainland China is
 *   a separate network and is left out. Cities whose metro the catalog does not hold are left out
 *   too: the list is the edges near users that a latency question can tell apart, not a census.
 * - A POP's name is the IATA code of a nearby airport and a number (`PHX50`, in the
 *   `X-Amz-Cf-Pop` response header and in the access logs' `x-edge-location` field); `code` here is
 *   that IATA prefix, so `edge:PHX` stands for every POP of the Phoenix metro.
 * - Regional edge caches sit in AWS Regions, between the POPs and the origins ("CloudFront Regional
 *   Edge Caches (RECs) are situated within AWS Regions ... CloudFront has 13 RECs globally", the
 *   Key Features page). `regionalEdgeCache` names the region of one where the CloudFront details page
 *   named its city (N. Virginia, Ohio, Oregon, Frankfurt, London, Mumbai, Singapore, Seoul, Tokyo,
 *   Sydney, São Paulo: 11 of the 13; the other two are not named by region, and are not guessed).
 * - Global Accelerator: AWS does not publish its edge list; "Global Accelerator shares points of
 *   presence with CloudFront, but is present only in some of the AWS edge locations" (AWS re:Post
 *   answer, https://repost.aws/questions/QU_E9DLyQDQ1W47fuMTlOdxQ). ASSUMPTION: Global Accelerator
 *   is at every metro listed here. The error is small for a latency model (a metro without GA is
 *   served from the next metro, usually within a few ms) and is flagged by `globalAccelerator`.
 */
import type { CatalogSource, EdgeLocation } from '../types.js';

export const EDGE_LOCATIONS_SOURCE: CatalogSource = {
  data: 'edge-locations',
  asOf: '2026-12-05',
  source: 'the Points of Presence list of the Amazon CloudFront Key Features page, transcribed 2026-12-05',
};

type Row = readonly [code: string, metro: string, country: string, regionalEdgeCache?: string];

/** By continent, then code. */
const ROWS: readonly Row[] = [
  // North America
  ['ATL', 'atlanta', 'US'],
  ['AUS', 'austin', 'US'],
  ['BOS', 'boston', 'US'],
  ['CLT', 'charlotte', 'US'],
  ['CMH', 'columbus', 'US', 'us-east-2'],
  ['DEN', 'denver', 'US'],
  ['DFW', 'dallas', 'US'],
  ['DTW', 'detroit', 'US'],
  ['GDL', 'guadalajara', 'MX'],
  ['HNL', 'honolulu', 'US'],
  ['IAD', 'washington', 'US', 'us-east-1'],
  ['IAH', 'houston', 'US'],
  ['JFK', 'new-york', 'US'],
  ['LAS', 'las-vegas', 'US'],
  ['LAX', 'los-angeles', 'US'],
  ['MCI', 'kansas-city', 'US'],
  ['MEX', 'mexico-city', 'MX'],
  ['MIA', 'miami', 'US'],
  ['MSP', 'minneapolis', 'US'],
  ['MTY', 'monterrey', 'MX'],
  ['ORD', 'chicago', 'US'],
  ['PBC', 'puebla', 'MX'],
  ['PDX', 'portland', 'US', 'us-west-2'],
  ['PHL', 'philadelphia', 'US'],
  ['PHX', 'phoenix', 'US'],
  ['QRO', 'queretaro', 'MX'],
  ['SAT', 'san-antonio', 'US'],
  ['SEA', 'seattle', 'US'],
  ['SFO', 'san-francisco', 'US'],
  ['SJC', 'san-jose', 'US'],
  ['SJU', 'san-juan', 'PR'],
  ['SMF', 'sacramento', 'US'],
  ['STL', 'st-louis', 'US'],
  ['TIJ', 'tijuana', 'MX'],
  ['YUL', 'montreal', 'CA'],
  ['YVR', 'vancouver', 'CA'],
  ['YYC', 'calgary', 'CA'],
  ['YYZ', 'toronto', 'CA'],
  // South America
  ['BOG', 'bogota', 'CO'],
  ['EZE', 'buenos-aires', 'AR'],
  ['FOR', 'fortaleza', 'BR'],
  ['GIG', 'rio-de-janeiro', 'BR'],
  ['GRU', 'sao-paulo', 'BR', 'sa-east-1'],
  ['LIM', 'lima', 'PE'],
  ['SCL', 'santiago', 'CL'],
  // Europe
  ['AMS', 'amsterdam', 'NL'],
  ['ARN', 'stockholm', 'SE'],
  ['ATH', 'athens', 'GR'],
  ['BCN', 'barcelona', 'ES'],
  ['BER', 'berlin', 'DE'],
  ['BRU', 'brussels', 'BE'],
  ['CDG', 'paris', 'FR'],
  ['CPH', 'copenhagen', 'DK'],
  ['DUB', 'dublin', 'IE'],
  ['FCO', 'rome', 'IT'],
  ['FRA', 'frankfurt', 'DE', 'eu-central-1'],
  ['HAM', 'hamburg', 'DE'],
  ['HEL', 'helsinki', 'FI'],
  ['IST', 'istanbul', 'TR'],
  ['LHR', 'london', 'GB', 'eu-west-2'],
  ['LIS', 'lisbon', 'PT'],
  ['MAD', 'madrid', 'ES'],
  ['MAN', 'manchester', 'GB'],
  ['MRS', 'marseille', 'FR'],
  ['MUC', 'munich', 'DE'],
  ['MXP', 'milan', 'IT'],
  ['OSL', 'oslo', 'NO'],
  ['PRG', 'prague', 'CZ'],
  ['VIE', 'vienna', 'AT'],
  ['WAW', 'warsaw', 'PL'],
  ['ZRH', 'zurich', 'CH'],
  // Middle East
  ['BAH', 'manama', 'BH'],
  ['DXB', 'dubai', 'AE'],
  ['FJR', 'fujairah', 'AE'],
  ['JED', 'jeddah', 'SA'],
  ['RUH', 'riyadh', 'SA'],
  ['TLV', 'tel-aviv', 'IL'],
  // Africa
  ['CAI', 'cairo', 'EG'],
  ['CPT', 'cape-town', 'ZA'],
  ['JNB', 'johannesburg', 'ZA'],
  ['LOS', 'lagos', 'NG'],
  ['NBO', 'nairobi', 'KE'],
  // Asia Pacific
  ['BKK', 'bangkok', 'TH'],
  ['BLR', 'bengaluru', 'IN'],
  ['BOM', 'mumbai', 'IN', 'ap-south-1'],
  ['CCU', 'kolkata', 'IN'],
  ['CGK', 'jakarta', 'ID'],
  ['DEL', 'delhi', 'IN'],
  ['HAN', 'hanoi', 'VN'],
  ['HKG', 'hong-kong', 'HK'],
  ['HYD', 'hyderabad', 'IN'],
  ['ICN', 'seoul', 'KR', 'ap-northeast-2'],
  ['KIX', 'osaka', 'JP'],
  ['KUL', 'kuala-lumpur', 'MY'],
  ['MAA', 'chennai', 'IN'],
  ['MNL', 'manila', 'PH'],
  ['NRT', 'tokyo', 'JP', 'ap-northeast-1'],
  ['PNQ', 'pune', 'IN'],
  ['SGN', 'ho-chi-minh-city', 'VN'],
  ['SIN', 'singapore', 'SG', 'ap-southeast-1'],
  ['TPE', 'taipei', 'TW'],
  // Australia and New Zealand
  ['AKL', 'auckland', 'NZ'],
  ['BNE', 'brisbane', 'AU'],
  ['MEL', 'melbourne', 'AU'],
  ['PER', 'perth', 'AU'],
  ['SYD', 'sydney', 'AU', 'ap-southeast-2'],
];

export const EDGE_LOCATIONS: readonly EdgeLocation[] = ROWS.map(([code, metro, country, rec]) => ({
  code,
  metro: `metro:${metro}`,
  country,
  cloudFront: true,
  globalAccelerator: true,
  ...(rec ? { regionalEdgeCache: rec } : {}),
}));
