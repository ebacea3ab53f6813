-- Job ids, reserved by the gateways in blocks of 1000 (each value starts a block). Above every id the earlier
-- clock-based scheme handed out, and the last block ends below 2^53, so JavaScript clients read every id exactly.
CREATE SEQUENCE job_ids START WITH 4503599627370496 INCREMENT BY 1000 MAXVALUE 9007199254739991 NO CYCLE;
