/** Graph features as catalogue fields, so rules and models reference them by the same names the graph emits. */
import type { FieldDefinition } from '../core/fields.js';

const owner = 'graph';

function n(name: string, description: string, entity?: string): FieldDefinition {
  return entity ? { name, type: 'number', description, entity, owner } : { name, type: 'number', description, owner };
}

export const graphFieldDefinitions: FieldDefinition[] = [
  n('graph_component_size', 'applications in the connected component (identity-bearing links, hubs excluded)'),
  n('graph_component_bad', 'other known-bad applications in the connected component'),
  n('graph_neighbours_1hop', 'distinct applications within two links (sharing a non-hub entity, or one such step on)'),
  n('graph_bad_1hop', 'known-bad applications sharing a non-hub entity with this one'),
  n(
    'graph_bad_2hop',
    'known-bad applications within two application hops (cumulative; address, /24 and switchboard only at the first)',
  ),
  n(
    'graph_identities_2hop',
    'distinct identities within two hops over identity-bearing links, including the applicant',
  ),
  n('graph_identities_max', 'largest number of distinct identities on any non-hub entity this application uses'),
  n('graph_identities_device', 'distinct identities on this device (0 when no device)', 'device'),
  n('graph_identities_phone', 'distinct identities using this phone number', 'phone'),
  n('graph_identities_contact_phone', 'distinct identities on the emergency contact phone', 'contactPhone'),
  n('graph_identities_employer_phone', 'distinct identities giving this employer phone', 'employerPhone'),
  n('graph_identities_email', 'distinct identities using this email', 'email'),
  n('graph_identities_card', 'distinct identities using this card', 'card'),
  n('graph_identities_address', 'distinct identities at this address', 'address'),
  n('graph_identities_ip24', 'distinct identities applying from this IP /24 network', 'ip24'),
  n('graph_apps_same_identity', 'applications made under the same national id', 'nationalId'),
  n('graph_hub_links', 'hub entities (shared lines above the degree threshold) this application uses'),
  n('graph_hub_bad_rate', 'highest known-bad rate among the hub entities used (hub evidence, down-weighted)'),
  n('graph_community_id', 'Louvain community id from the last batch run (-1 when none)'),
  n('graph_community_size', 'applications in the community'),
  n('graph_community_bad_rate', 'known-bad share of the community'),
  n('graph_ppr_score', 'personalized PageRank fraud score in [0,1] seeded from known-bad applications (α = 0.15)'),
  {
    name: 'graph_ring_suspect',
    type: 'boolean',
    description: 'an entity shared by 3+ identities, or 3+ identities within two hops while sharing 2+ entities',
    owner,
  },
  {
    name: 'graph_traversal_truncated',
    type: 'boolean',
    description: 'the local traversal hit its budget (dense area; counts are lower bounds)',
    owner,
  },
];
