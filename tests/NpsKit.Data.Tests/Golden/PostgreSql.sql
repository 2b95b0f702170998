-- PostgreSql: ISO weeks in Europe/Copenhagen, hierarchy, weighted, range and filter
-- parameter from = 2025-12-31 23:00:00.000000+00:00
-- parameter to = 2026-12-31 23:00:00.000000+00:00
-- parameter f0_0 = North
-- parameter f0_1 = O'Brien; DROP TABLE x
SELECT p.nps_p AS nps_period, q.nps_s0, q.nps_s1, q.nps_score, q.nps_flag, COUNT(*) AS nps_n, SUM(q.nps_w) AS nps_sw, SUM(q.nps_w * q.nps_w) AS nps_sw2
FROM (
  SELECT width_bucket(r.nps_u, '{"2025-12-31 23:00:00+00","2026-01-04 23:00:00+00","2026-01-11 23:00:00+00","2026-01-18 23:00:00+00","2026-01-25 23:00:00+00","2026-02-01 23:00:00+00","2026-02-08 23:00:00+00","2026-02-15 23:00:00+00","2026-02-22 23:00:00+00","2026-03-01 23:00:00+00","2026-03-08 23:00:00+00","2026-03-15 23:00:00+00","2026-03-22 23:00:00+00","2026-03-29 22:00:00+00","2026-04-05 22:00:00+00","2026-04-12 22:00:00+00","2026-04-19 22:00:00+00","2026-04-26 22:00:00+00","2026-05-03 22:00:00+00","2026-05-10 22:00:00+00","2026-05-17 22:00:00+00","2026-05-24 22:00:00+00","2026-05-31 22:00:00+00","2026-06-07 22:00:00+00","2026-06-14 22:00:00+00","2026-06-21 22:00:00+00","2026-06-28 22:00:00+00","2026-07-05 22:00:00+00","2026-07-12 22:00:00+00","2026-07-19 22:00:00+00","2026-07-26 22:00:00+00","2026-08-02 22:00:00+00","2026-08-09 22:00:00+00","2026-08-16 22:00:00+00","2026-08-23 22:00:00+00","2026-08-30 22:00:00+00","2026-09-06 22:00:00+00","2026-09-13 22:00:00+00","2026-09-20 22:00:00+00","2026-09-27 22:00:00+00","2026-10-04 22:00:00+00","2026-10-11 22:00:00+00","2026-10-18 22:00:00+00","2026-10-25 23:00:00+00","2026-11-01 23:00:00+00","2026-11-08 23:00:00+00","2026-11-15 23:00:00+00","2026-11-22 23:00:00+00","2026-11-29 23:00:00+00","2026-12-06 23:00:00+00","2026-12-13 23:00:00+00","2026-12-20 23:00:00+00","2026-12-27 23:00:00+00","2026-12-31 23:00:00+00"}'::timestamptz[]) AS nps_b, r.nps_s0, r.nps_s1, r.nps_score, r.nps_w, r.nps_flag AS nps_flag
  FROM (
    SELECT "submitted_at" AS nps_u, CAST("dept" AS text) AS nps_s0, CAST("team]`name" AS text) AS nps_s1, "score" AS nps_score, "weight" AS nps_w, CASE WHEN "weight" IS NULL OR NOT ("weight" > 0) THEN 1 ELSE 0 END + CASE WHEN pg_typeof("submitted_at") <> 'timestamp with time zone'::regtype THEN 4 ELSE 0 END AS nps_flag
    FROM "analytics"."survey ""responses""" src
    WHERE "submitted_at" >= CAST(@from AS timestamptz)
      AND "submitted_at" < CAST(@to AS timestamptz)
      AND "region" IN (@f0_0, @f0_1)
  ) r
) q
LEFT JOIN (VALUES (1, DATE '2025-12-29'), (2, DATE '2026-01-05'), (3, DATE '2026-01-12'), (4, DATE '2026-01-19'), (5, DATE '2026-01-26'), (6, DATE '2026-02-02'), (7, DATE '2026-02-09'), (8, DATE '2026-02-16'), (9, DATE '2026-02-23'), (10, DATE '2026-03-02'), (11, DATE '2026-03-09'), (12, DATE '2026-03-16'), (13, DATE '2026-03-23'), (14, DATE '2026-03-30'), (15, DATE '2026-04-06'), (16, DATE '2026-04-13'), (17, DATE '2026-04-20'), (18, DATE '2026-04-27'), (19, DATE '2026-05-04'), (20, DATE '2026-05-11'), (21, DATE '2026-05-18'), (22, DATE '2026-05-25'), (23, DATE '2026-06-01'), (24, DATE '2026-06-08'), (25, DATE '2026-06-15'), (26, DATE '2026-06-22'), (27, DATE '2026-06-29'), (28, DATE '2026-07-06'), (29, DATE '2026-07-13'), (30, DATE '2026-07-20'), (31, DATE '2026-07-27'), (32, DATE '2026-08-03'), (33, DATE '2026-08-10'), (34, DATE '2026-08-17'), (35, DATE '2026-08-24'), (36, DATE '2026-08-31'), (37, DATE '2026-09-07'), (38, DATE '2026-09-14'), (39, DATE '2026-09-21'), (40, DATE '2026-09-28'), (41, DATE '2026-10-05'), (42, DATE '2026-10-12'), (43, DATE '2026-10-19'), (44, DATE '2026-10-26'), (45, DATE '2026-11-02'), (46, DATE '2026-11-09'), (47, DATE '2026-11-16'), (48, DATE '2026-11-23'), (49, DATE '2026-11-30'), (50, DATE '2026-12-07'), (51, DATE '2026-12-14'), (52, DATE '2026-12-21'), (53, DATE '2026-12-28')) p (nps_b, nps_p) ON p.nps_b = q.nps_b
GROUP BY p.nps_p, q.nps_s0, q.nps_s1, q.nps_score, q.nps_flag;

-- PostgreSql: months in America/New_York from wall-clock times stored in Etc/UTC, no segments, 2026 to mid-2027
-- parameter column_zone = Etc/UTC
-- parameter from = 2026-01-01 00:00:00.000000+00:00
-- parameter to = 2027-07-01 00:00:00.000000+00:00
SELECT p.nps_p AS nps_period, q.nps_score, q.nps_flag, COUNT(*) AS nps_n
FROM (
  SELECT width_bucket(r.nps_u, '{"2026-01-01 00:00:00+00","2026-01-01 05:00:00+00","2026-02-01 05:00:00+00","2026-03-01 05:00:00+00","2026-04-01 04:00:00+00","2026-05-01 04:00:00+00","2026-06-01 04:00:00+00","2026-07-01 04:00:00+00","2026-08-01 04:00:00+00","2026-09-01 04:00:00+00","2026-10-01 04:00:00+00","2026-11-01 04:00:00+00","2026-12-01 05:00:00+00","2027-01-01 05:00:00+00","2027-02-01 05:00:00+00","2027-03-01 05:00:00+00","2027-04-01 04:00:00+00","2027-05-01 04:00:00+00","2027-06-01 04:00:00+00","2027-07-01 00:00:00+00"}'::timestamptz[]) AS nps_b, r.nps_score, r.nps_flag AS nps_flag
  FROM (
    SELECT ("submitted_at" AT TIME ZONE 'UTC') AS nps_u, "score" AS nps_score, CASE WHEN pg_typeof("submitted_at") = 'timestamp with time zone'::regtype THEN 4 ELSE 0 END AS nps_flag
    FROM "responses" src
    WHERE ("submitted_at" AT TIME ZONE @column_zone) >= CAST(@from AS timestamptz)
      AND ("submitted_at" AT TIME ZONE @column_zone) < CAST(@to AS timestamptz)
  ) r
) q
LEFT JOIN (VALUES (1, DATE '2025-12-01'), (2, DATE '2026-01-01'), (3, DATE '2026-02-01'), (4, DATE '2026-03-01'), (5, DATE '2026-04-01'), (6, DATE '2026-05-01'), (7, DATE '2026-06-01'), (8, DATE '2026-07-01'), (9, DATE '2026-08-01'), (10, DATE '2026-09-01'), (11, DATE '2026-10-01'), (12, DATE '2026-11-01'), (13, DATE '2026-12-01'), (14, DATE '2027-01-01'), (15, DATE '2027-02-01'), (16, DATE '2027-03-01'), (17, DATE '2027-04-01'), (18, DATE '2027-05-01'), (19, DATE '2027-06-01')) p (nps_b, nps_p) ON p.nps_b = q.nps_b
GROUP BY p.nps_p, q.nps_score, q.nps_flag;

