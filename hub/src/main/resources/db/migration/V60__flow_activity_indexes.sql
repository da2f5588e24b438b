-- The operator's page counts each flow's events over the last hour and day (FlowActivity) every few seconds:
-- received by inbox_event.received_at, written by inbox_event.finished_at, dead by dead_letter.created_at
-- (sync_log has its (flow, finished_at) index already).
CREATE INDEX inbox_event_received ON inbox_event (flow, received_at);
CREATE INDEX inbox_event_finished ON inbox_event (flow, finished_at);
CREATE INDEX dead_letter_created ON dead_letter (flow, created_at);
