-- Portraits look a customer up by the keyed hash of the national id in stored applications and decisions.
create index applications_customer on applications (tenant_id, (snapshot->'applicant'->>'nationalIdHash'));
create index decisions_customer on decisions (tenant_id, (input->'application'->'applicant'->>'nationalIdHash'));
