-- A volunteer's page acknowledges each offer it showed; an offer pushed over SSE and not acknowledged
-- in time is sent again by SMS (the delivery key keeps that to one SMS per offer).
CREATE TABLE sse_ack (
    delivery_id   BIGINT PRIMARY KEY REFERENCES delivery (id),
    acked_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
