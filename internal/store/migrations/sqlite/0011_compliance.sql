-- An agency's own compliance configuration (issues 5 and 6): overrides of
-- payer rule pack values, and additions to or silences of the peer-language
-- coach's lexicon. Both keep their history: a rule override is never
-- changed or deleted (a newer row for the same value supersedes it, and an
-- empty value returns to the pack's); a lexicon change is never deleted,
-- only ended (active = FALSE, with who and when). Kept column for column
-- in step with the PostgreSQL file of the same number (TestSchemasAgree).

CREATE TABLE agency_rule_override (
    id        INTEGER PRIMARY KEY,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    pack_id   TEXT NOT NULL,
    path      TEXT NOT NULL,
    value     TEXT NOT NULL,
    reason    TEXT NOT NULL,
    set_by    BIGINT NOT NULL REFERENCES app_user(id),
    set_at    TIMESTAMP NOT NULL
);
CREATE INDEX agency_rule_override_pack ON agency_rule_override (agency_id, pack_id, id);

CREATE TRIGGER agency_rule_override_no_update BEFORE UPDATE ON agency_rule_override
BEGIN SELECT RAISE(ABORT, 'a rule override never changes; set a new one'); END;
CREATE TRIGGER agency_rule_override_no_delete BEFORE DELETE ON agency_rule_override
BEGIN SELECT RAISE(ABORT, 'a rule override never changes; set a new one'); END;

CREATE TABLE agency_lexicon (
    id         INTEGER PRIMARY KEY,
    agency_id  BIGINT NOT NULL REFERENCES agency(id),
    program_id BIGINT REFERENCES program(id),
    action     TEXT NOT NULL CHECK (action IN ('add', 'silence')),
    rule_id    TEXT NOT NULL,
    category   TEXT NOT NULL DEFAULT '',
    severity   TEXT NOT NULL DEFAULT '',
    pattern    TEXT NOT NULL DEFAULT '',
    why        TEXT NOT NULL DEFAULT '',
    suggestion TEXT NOT NULL DEFAULT '',
    flags      TEXT NOT NULL DEFAULT '',
    reason     TEXT NOT NULL,
    set_by     BIGINT NOT NULL REFERENCES app_user(id),
    set_at     TIMESTAMP NOT NULL,
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    ended_by   BIGINT REFERENCES app_user(id),
    ended_at   TIMESTAMP
);
CREATE INDEX agency_lexicon_agency ON agency_lexicon (agency_id, active, id);

CREATE TRIGGER agency_lexicon_no_delete BEFORE DELETE ON agency_lexicon
BEGIN SELECT RAISE(ABORT, 'a lexicon change is ended, never deleted'); END;
CREATE TRIGGER agency_lexicon_end_only BEFORE UPDATE ON agency_lexicon
WHEN NEW.active OR NOT OLD.active OR NEW.rule_id <> OLD.rule_id OR NEW.action <> OLD.action OR NEW.pattern <> OLD.pattern
    OR NEW.reason <> OLD.reason OR NEW.set_at <> OLD.set_at OR NEW.agency_id <> OLD.agency_id
BEGIN SELECT RAISE(ABORT, 'a lexicon change is only ever ended'); END;
