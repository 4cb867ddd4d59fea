-- Who owns a handoff task: Wasla's own record, which agents cannot write (task variables they can). The
-- engine's assignee is checked against it on every assignment and completion.
CREATE TABLE handoff_owner (
    task_id     VARCHAR(64) PRIMARY KEY,
    owner_id    VARCHAR(64),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
