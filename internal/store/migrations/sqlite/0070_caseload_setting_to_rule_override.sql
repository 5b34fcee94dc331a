-- A caseload ratio the agency set on the Team page was kept in
-- agency_setting, a second override store beside agency_rule_override,
-- which the note checks did not read. The ratio becomes the agency's rule
-- override of caseload.max_participants_per_peer; existing values move
-- across with their reason, author and time (a setting written by no
-- recorded person is credited to the agency's first account), and the
-- settings are removed.
INSERT INTO agency_rule_override (agency_id, pack_id, path, value, reason, set_by, set_at)
SELECT s.agency_id, substr(s.name, 23), 'caseload.max_participants_per_peer', s.value, s.reason,
       COALESCE(s.set_by, (SELECT MIN(u.id) FROM app_user u WHERE u.agency_id = s.agency_id)), s.set_at
FROM agency_setting s
WHERE s.name LIKE 'caseload.max_per_peer.%'
  AND COALESCE(s.set_by, (SELECT MIN(u.id) FROM app_user u WHERE u.agency_id = s.agency_id)) IS NOT NULL
ORDER BY s.agency_id, s.name;

DELETE FROM agency_setting WHERE name LIKE 'caseload.max_per_peer.%';
