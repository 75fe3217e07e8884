-- scan case_outcomes.date
SELECT
  "t2"."month",
  "t2"."unit",
  "t2"."b_outcome_type",
  SUM("t2"."_n") AS "_records",
  COALESCE(
    SUM("t2"."_n") FILTER(WHERE
      (
        "t2"."threat" = 'illicit_finance'
      )
      AND (
        (
          "t2"."outcome_type" IS NOT NULL
        )
        AND NOT (
          "t2"."outcome_type" IN ('non_judicial')
        )
      )),
    0
  ) AS "n_E1a__judicial_outcomes"
FROM (
  SELECT
    (
      EXTRACT(year FROM "t1"."date") * 100
    ) + EXTRACT(month FROM "t1"."date") AS "month",
    "t1"."force" AS "unit",
    "t1"."outcome_type" AS "b_outcome_type",
    "t1"."outcome_type",
    "t1"."threat",
    COUNT(*) AS "_n"
  FROM (
    SELECT
      *
    FROM "case_outcomes" AS "t0"
    WHERE
      "t0"."date" >= MAKE_DATE(2022, 7, 1) AND "t0"."date" <= MAKE_DATE(2024, 6,
30)
  ) AS "t1"
  GROUP BY
    1,
    2,
    3,
    4,
    5
) AS "t2"
GROUP BY
  1,
  2,
  3;

-- scan disruptions.date
SELECT
  "t2"."month",
  "t2"."unit",
  "t2"."b_level",
  SUM("t2"."_n") AS "_records",
  COALESCE(SUM("t2"."_n") FILTER(WHERE
    "t2"."threat" = 'illicit_finance'), 0) AS "n_E1b__disruptions",
  COALESCE(
    SUM("t2"."_n") FILTER(WHERE
      (
        "t2"."threat" = 'fraud'
      ) AND (
        "t2"."category" = 'pursue'
      )),
    0
  ) AS "n_F2__disruptions",
  COALESCE(SUM("t2"."_n") FILTER(WHERE
    "t2"."category" = 'protect'), 0) AS "n_F6__protect_disruptions"
FROM (
  SELECT
    (
      EXTRACT(year FROM "t1"."date") * 100
    ) + EXTRACT(month FROM "t1"."date") AS "month",
    "t1"."force" AS "unit",
    "t1"."level" AS "b_level",
    "t1"."category",
    "t1"."threat",
    COUNT(*) AS "_n"
  FROM (
    SELECT
      *
    FROM "disruptions" AS "t0"
    WHERE
      "t0"."date" >= MAKE_DATE(2022, 7, 1) AND "t0"."date" <= MAKE_DATE(2024, 6,
30)
  ) AS "t1"
  GROUP BY
    1,
    2,
    3,
    4,
    5
) AS "t2"
GROUP BY
  1,
  2,
  3;

-- scan asset_seizures.date
SELECT
  "t2"."month",
  "t2"."unit",
  "t2"."b_type",
  SUM("t2"."_n") AS "_records",
  COALESCE(SUM("t2"."_n") FILTER(WHERE
    "t2"."threat" = 'illicit_finance'), 0) AS "n_E2a__seizures",
  COALESCE(SUM("t2"."_n") FILTER(WHERE
    "t2"."threat" = 'illicit_finance'), 0) AS "n_E2a__seizure_value_gbp",
  SUM("t2"."sum_value_gbp") FILTER(WHERE
    "t2"."threat" = 'illicit_finance') AS "s_E2a__seizure_value_gbp",
  COALESCE(SUM("t2"."_n") FILTER(WHERE
    "t2"."type" = 'civil_recovery_order'), 0) AS "n_E2b__civil_recovery_orders",
  COALESCE(SUM("t2"."_n") FILTER(WHERE
    "t2"."type" = 'cryptocurrency'), 0) AS "n_E3__crypto_seizures",
  COALESCE(SUM("t2"."_n") FILTER(WHERE
    "t2"."type" = 'cryptocurrency'), 0) AS "n_E3__crypto_value_gbp",
  SUM("t2"."sum_value_gbp") FILTER(WHERE
    "t2"."type" = 'cryptocurrency') AS "s_E3__crypto_value_gbp"
FROM (
  SELECT
    (
      EXTRACT(year FROM "t1"."date") * 100
    ) + EXTRACT(month FROM "t1"."date") AS "month",
    "t1"."force" AS "unit",
    "t1"."type" AS "b_type",
    "t1"."threat",
    "t1"."type",
    COUNT(*) AS "_n",
    SUM("t1"."value_gbp") AS "sum_value_gbp"
  FROM (
    SELECT
      *
    FROM "asset_seizures" AS "t0"
    WHERE
      "t0"."date" >= MAKE_DATE(2022, 7, 1) AND "t0"."date" <= MAKE_DATE(2024, 6,
30)
  ) AS "t1"
  GROUP BY
    1,
    2,
    3,
    4,
    5
) AS "t2"
GROUP BY
  1,
  2,
  3;

-- scan training.date
SELECT
  "t2"."month",
  "t2"."unit",
  SUM("t2"."_n") AS "_records",
  COALESCE(SUM("t2"."_n") FILTER(WHERE
    "t2"."course" = 'cryptoasset_investigation'), 0) AS 
"n_E3__crypto_training_attendees",
  SUM("t2"."sum_attendees") FILTER(WHERE
    "t2"."course" = 'cryptoasset_investigation') AS 
"s_E3__crypto_training_attendees"
FROM (
  SELECT
    (
      EXTRACT(year FROM "t1"."date") * 100
    ) + EXTRACT(month FROM "t1"."date") AS "month",
    "t1"."force" AS "unit",
    "t1"."course",
    COUNT(*) AS "_n",
    SUM("t1"."attendees") AS "sum_attendees"
  FROM (
    SELECT
      *
    FROM "training" AS "t0"
    WHERE
      "t0"."date" >= MAKE_DATE(2022, 7, 1) AND "t0"."date" <= MAKE_DATE(2024, 6,
30)
  ) AS "t1"
  GROUP BY
    1,
    2,
    3
) AS "t2"
GROUP BY
  1,
  2;

-- scan disseminations.disseminated_on
SELECT
  "t2"."month",
  "t2"."unit",
  SUM("t2"."_n") AS "_records",
  COALESCE(SUM("t2"."_n") FILTER(WHERE
    "t2"."type" = 'pursue'), 0) AS "n_F1a__disseminations"
FROM (
  SELECT
    (
      EXTRACT(year FROM "t1"."disseminated_on") * 100
    ) + EXTRACT(month FROM "t1"."disseminated_on") AS "month",
    "t1"."force" AS "unit",
    "t1"."type",
    COUNT(*) AS "_n"
  FROM (
    SELECT
      *
    FROM "disseminations" AS "t0"
    WHERE
      "t0"."disseminated_on" >= MAKE_DATE(2022, 7, 1)
      AND "t0"."disseminated_on" <= MAKE_DATE(2024, 6, 30)
  ) AS "t1"
  GROUP BY
    1,
    2,
    3
) AS "t2"
GROUP BY
  1,
  2;

-- scan disseminations.outcome_on
SELECT
  "t2"."month",
  "t2"."unit",
  "t2"."b_outcome_code",
  SUM("t2"."_n") AS "_records",
  COALESCE(SUM("t2"."_n") FILTER(WHERE
    "t2"."outcome_code" IN ('22')), 0) AS "n_F1a__outcome_22",
  COALESCE(
    SUM("t2"."_n") FILTER(WHERE
      "t2"."outcome_code" IN ('1', '1A', '2', '2A', '3', '3A', '4', '6', '7', 
'8')),
    0
  ) AS "n_F1b__judicial_outcomes",
  COALESCE(
    SUM("t2"."_n") FILTER(WHERE
      (
        "t2"."outcome_code" IS NOT NULL
      )
      AND NOT (
        "t2"."outcome_code" IN ('1', '1A', '2', '2A', '3', '3A', '4', '6', '7', 
'8')
      )),
    0
  ) AS "n_F1b__non_judicial_outcomes",
  COALESCE(SUM("t2"."_n") FILTER(WHERE
    "t2"."outcome_code" IS NOT NULL), 0) AS "n_F1b__all_outcomes",
  COALESCE(
    SUM("t2"."_n") FILTER(WHERE
      "t2"."outcome_code" IN ('5', '9', '10', '11', '12', '13', '14', '15', 
'16', '17', '18', '19', '20', '21')),
    0
  ) AS "n_F1b__nfa_outcomes"
FROM (
  SELECT
    (
      EXTRACT(year FROM "t1"."outcome_on") * 100
    ) + EXTRACT(month FROM "t1"."outcome_on") AS "month",
    "t1"."force" AS "unit",
    "t1"."outcome_code" AS "b_outcome_code",
    "t1"."outcome_code",
    COUNT(*) AS "_n"
  FROM (
    SELECT
      *
    FROM "disseminations" AS "t0"
    WHERE
      "t0"."outcome_on" >= MAKE_DATE(2022, 7, 1)
      AND "t0"."outcome_on" <= MAKE_DATE(2024, 6, 30)
  ) AS "t1"
  GROUP BY
    1,
    2,
    3,
    4
) AS "t2"
GROUP BY
  1,
  2,
  3;

-- scan disseminations.disseminated_on~outcome_on
SELECT
  "t2"."month",
  "t2"."close_month",
  "t2"."unit",
  SUM("t2"."_n") AS "_records",
  COALESCE(SUM("t2"."_n"), 0) AS "n_F1c__outstanding",
  COALESCE(SUM("t2"."_n"), 0) AS "n_F1c__disseminated_to_date"
FROM (
  SELECT
    (
      EXTRACT(year FROM "t1"."disseminated_on") * 100
    ) + EXTRACT(month FROM "t1"."disseminated_on") AS "month",
    COALESCE(
      (
        EXTRACT(year FROM "t1"."outcome_on") * 100
      ) + EXTRACT(month FROM "t1"."outcome_on"),
      0
    ) AS "close_month",
    "t1"."force" AS "unit",
    COUNT(*) AS "_n"
  FROM (
    SELECT
      *
    FROM "disseminations" AS "t0"
    WHERE
      "t0"."disseminated_on" <= MAKE_DATE(2024, 6, 30)
  ) AS "t1"
  GROUP BY
    1,
    2,
    3
) AS "t2"
GROUP BY
  1,
  2,
  3;

-- scan ftc_referrals.received_on
SELECT
  "t2"."month",
  SUM("t2"."_n") AS "_records",
  COALESCE(SUM("t2"."_n"), 0) AS "n_F4__referrals"
FROM (
  SELECT
    (
      EXTRACT(year FROM "t1"."received_on") * 100
    ) + EXTRACT(month FROM "t1"."received_on") AS "month",
    COUNT(*) AS "_n"
  FROM (
    SELECT
      *
    FROM "ftc_referrals" AS "t0"
    WHERE
      "t0"."received_on" >= MAKE_DATE(2022, 7, 1)
      AND "t0"."received_on" <= MAKE_DATE(2024, 6, 30)
  ) AS "t1"
  GROUP BY
    1
) AS "t2"
GROUP BY
  1;

-- scan ftc_packages.disseminated_on
SELECT
  "t2"."month",
  SUM("t2"."_n") AS "_records",
  COALESCE(SUM("t2"."_n"), 0) AS "n_F4__disseminations"
FROM (
  SELECT
    (
      EXTRACT(year FROM "t1"."disseminated_on") * 100
    ) + EXTRACT(month FROM "t1"."disseminated_on") AS "month",
    COUNT(*) AS "_n"
  FROM (
    SELECT
      *
    FROM "ftc_packages" AS "t0"
    WHERE
      "t0"."disseminated_on" >= MAKE_DATE(2022, 7, 1)
      AND "t0"."disseminated_on" <= MAKE_DATE(2024, 6, 30)
  ) AS "t1"
  GROUP BY
    1
) AS "t2"
GROUP BY
  1;

-- scan ftc_packages.adopted_on
SELECT
  "t2"."month",
  SUM("t2"."_n") AS "_records",
  COALESCE(SUM("t2"."_n"), 0) AS "n_F4__packages_adopted"
FROM (
  SELECT
    (
      EXTRACT(year FROM "t1"."adopted_on") * 100
    ) + EXTRACT(month FROM "t1"."adopted_on") AS "month",
    COUNT(*) AS "_n"
  FROM (
    SELECT
      *
    FROM "ftc_packages" AS "t0"
    WHERE
      "t0"."adopted_on" >= MAKE_DATE(2022, 7, 1)
      AND "t0"."adopted_on" <= MAKE_DATE(2024, 6, 30)
  ) AS "t1"
  GROUP BY
    1
) AS "t2"
GROUP BY
  1;

-- scan ftc_packages.investigation_started_on
SELECT
  "t2"."month",
  SUM("t2"."_n") AS "_records",
  COALESCE(SUM("t2"."_n"), 0) AS "n_F4__packages_investigated"
FROM (
  SELECT
    (
      EXTRACT(year FROM "t1"."investigation_started_on") * 100
    ) + EXTRACT(month FROM "t1"."investigation_started_on") AS "month",
    COUNT(*) AS "_n"
  FROM (
    SELECT
      *
    FROM "ftc_packages" AS "t0"
    WHERE
      "t0"."investigation_started_on" >= MAKE_DATE(2022, 7, 1)
      AND "t0"."investigation_started_on" <= MAKE_DATE(2024, 6, 30)
  ) AS "t1"
  GROUP BY
    1
) AS "t2"
GROUP BY
  1;

-- scan protect_events.date
SELECT
  "t2"."month",
  "t2"."unit",
  "t2"."b_audience",
  SUM("t2"."_n") AS "_records",
  COALESCE(SUM("t2"."_n"), 0) AS "n_F5a__events",
  COALESCE(SUM("t2"."_n"), 0) AS "n_F5a__attendees",
  SUM("t2"."sum_attendees") AS "s_F5a__attendees"
FROM (
  SELECT
    (
      EXTRACT(year FROM "t1"."date") * 100
    ) + EXTRACT(month FROM "t1"."date") AS "month",
    COALESCE("t1"."force", "t1"."region") AS "unit",
    "t1"."audience" AS "b_audience",
    COUNT(*) AS "_n",
    SUM("t1"."attendees") AS "sum_attendees"
  FROM (
    SELECT
      *
    FROM "protect_events" AS "t0"
    WHERE
      "t0"."date" >= MAKE_DATE(2022, 7, 1) AND "t0"."date" <= MAKE_DATE(2024, 6,
30)
  ) AS "t1"
  GROUP BY
    1,
    2,
    3
) AS "t2"
GROUP BY
  1,
  2,
  3;

-- scan protect_survey+protect_events.date
SELECT
  "t8"."month",
  "t8"."unit",
  "t8"."b_audience",
  SUM("t8"."_n") AS "_records",
  COALESCE(SUM("t8"."_n") FILTER(WHERE
    "t8"."satisfied" = TRUE), 0) AS "n_F5b__satisfied",
  COALESCE(SUM("t8"."_n") FILTER(WHERE
    "t8"."satisfied" IS NOT NULL), 0) AS "n_F5b__answered",
  COALESCE(SUM("t8"."_n") FILTER(WHERE
    "t8"."likely_to_change_behaviour" = TRUE), 0) AS "n_F5c__likely_to_change",
  COALESCE(SUM("t8"."_n") FILTER(WHERE
    "t8"."likely_to_change_behaviour" IS NOT NULL), 0) AS "n_F5c__answered"
FROM (
  SELECT
    (
      EXTRACT(year FROM "t7"."date") * 100
    ) + EXTRACT(month FROM "t7"."date") AS "month",
    COALESCE("t7"."force", "t7"."region") AS "unit",
    "t7"."audience" AS "b_audience",
    "t7"."likely_to_change_behaviour",
    "t7"."satisfied",
    COUNT(*) AS "_n"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t5".*
        EXCLUDE ("_join_key")
      FROM (
        SELECT
          "t2"."response_id",
          "t2"."event_id",
          "t2"."satisfied",
          "t2"."likely_to_change_behaviour",
          "t2"."_load_id",
          "t2"."_file_id",
          "t2"."_line",
          "t4"."_join_key",
          "t4"."date",
          "t4"."region",
          "t4"."force",
          "t4"."audience",
          "t4"."attendees"
        FROM "protect_survey" AS "t2"
        INNER JOIN (
          SELECT
            "t1"."event_id" AS "_join_key",
            "t1"."date",
            "t1"."region",
            "t1"."force",
            "t1"."audience",
            "t1"."attendees"
          FROM "protect_events" AS "t1"
        ) AS "t4"
          ON "t2"."event_id" = "t4"."_join_key"
      ) AS "t5"
    ) AS "t6"
    WHERE
      "t6"."date" >= MAKE_DATE(2022, 7, 1) AND "t6"."date" <= MAKE_DATE(2024, 6,
30)
  ) AS "t7"
  GROUP BY
    1,
    2,
    3,
    4,
    5
) AS "t8"
GROUP BY
  1,
  2,
  3;

-- scan campaigns.start_on
SELECT
  "t2"."month",
  "t2"."unit",
  SUM("t2"."_n") AS "_records",
  COALESCE(
    SUM("t2"."_n") FILTER(WHERE
      (
        "t2"."scope" = 'national'
      ) AND (
        "t2"."supported_by_protect" = TRUE
      )),
    0
  ) AS "n_F5__national_campaigns_supported",
  COALESCE(SUM("t2"."_n"), 0) AS "n_F6__social_reach",
  SUM("t2"."sum_social_reach") AS "s_F6__social_reach"
FROM (
  SELECT
    (
      EXTRACT(year FROM "t1"."start_on") * 100
    ) + EXTRACT(month FROM "t1"."start_on") AS "month",
    "t1"."region" AS "unit",
    "t1"."scope",
    "t1"."supported_by_protect",
    COUNT(*) AS "_n",
    SUM("t1"."social_reach") AS "sum_social_reach"
  FROM (
    SELECT
      *
    FROM "campaigns" AS "t0"
    WHERE
      "t0"."start_on" >= MAKE_DATE(2022, 7, 1)
      AND "t0"."start_on" <= MAKE_DATE(2024, 6, 30)
  ) AS "t1"
  GROUP BY
    1,
    2,
    3,
    4
) AS "t2"
GROUP BY
  1,
  2;

-- scan protect_staffing.as_of~latest F5.regions_fully_staffed
SELECT
  "t3".*
  EXCLUDE ("rank")
FROM (
  SELECT
    *
  FROM (
    SELECT
      (
        EXTRACT(year FROM "t1"."as_of") * 100
      ) + EXTRACT(month FROM "t1"."as_of") AS "month",
      "t1"."region" AS "key",
      "t1"."region" AS "unit",
      "t1"."posts_filled" AS "a",
      "t1"."posts_funded" AS "b",
      ROW_NUMBER() OVER (
        PARTITION BY "t1"."region", (
          EXTRACT(year FROM "t1"."as_of") * 100
        ) + EXTRACT(month FROM "t1"."as_of")
        ORDER BY "t1"."as_of" DESC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ) - 1 AS "rank"
    FROM (
      SELECT
        *
      FROM "protect_staffing" AS "t0"
      WHERE
        "t0"."as_of" IS NOT NULL AND "t0"."as_of" <= MAKE_DATE(2024, 6, 30)
    ) AS "t1"
  ) AS "t2"
  WHERE
    "t2"."rank" = 0
) AS "t3";

