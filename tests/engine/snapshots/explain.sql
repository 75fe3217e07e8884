-- scan case_outcomes.date
SELECT
  (
    EXTRACT(year FROM "t1"."date") * 100
  ) + EXTRACT(month FROM "t1"."date") AS "month",
  "t1"."force" AS "unit",
  "t1"."outcome_type" AS "b_outcome_type",
  COUNT(*) AS "_records",
  COUNT(*) FILTER(WHERE
    (
      "t1"."date" IS NOT NULL
    )
    AND (
      "t1"."threat" = 'illicit_finance'
    )
    AND (
      (
        "t1"."outcome_type" IS NOT NULL
      )
      AND NOT (
        "t1"."outcome_type" IN ('non_judicial')
      )
    )) AS "n_E1a__judicial_outcomes"
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
  3;

-- scan disruptions.date
SELECT
  (
    EXTRACT(year FROM "t1"."date") * 100
  ) + EXTRACT(month FROM "t1"."date") AS "month",
  "t1"."force" AS "unit",
  "t1"."level" AS "b_level",
  COUNT(*) AS "_records",
  COUNT(*) FILTER(WHERE
    (
      "t1"."date" IS NOT NULL
    ) AND (
      "t1"."threat" = 'illicit_finance'
    )) AS "n_E1b__disruptions",
  COUNT(*) FILTER(WHERE
    (
      "t1"."date" IS NOT NULL
    )
    AND (
      "t1"."threat" = 'fraud'
    )
    AND (
      "t1"."category" = 'pursue'
    )) AS "n_F2__disruptions",
  COUNT(*) FILTER(WHERE
    (
      "t1"."date" IS NOT NULL
    ) AND (
      "t1"."category" = 'protect'
    )) AS "n_F6__protect_disruptions"
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
  3;

-- scan asset_seizures.date
SELECT
  (
    EXTRACT(year FROM "t1"."date") * 100
  ) + EXTRACT(month FROM "t1"."date") AS "month",
  "t1"."force" AS "unit",
  "t1"."type" AS "b_type",
  COUNT(*) AS "_records",
  COUNT(*) FILTER(WHERE
    (
      "t1"."date" IS NOT NULL
    ) AND (
      "t1"."threat" = 'illicit_finance'
    )) AS "n_E2a__seizures",
  COUNT(*) FILTER(WHERE
    (
      "t1"."date" IS NOT NULL
    ) AND (
      "t1"."threat" = 'illicit_finance'
    )) AS "n_E2a__seizure_value_gbp",
  SUM("t1"."value_gbp") FILTER(WHERE
    (
      "t1"."date" IS NOT NULL
    ) AND (
      "t1"."threat" = 'illicit_finance'
    )) AS "s_E2a__seizure_value_gbp",
  COUNT(*) FILTER(WHERE
    (
      "t1"."date" IS NOT NULL
    ) AND (
      "t1"."type" = 'civil_recovery_order'
    )) AS "n_E2b__civil_recovery_orders",
  COUNT(*) FILTER(WHERE
    (
      "t1"."date" IS NOT NULL
    ) AND (
      "t1"."type" = 'cryptocurrency'
    )) AS "n_E3__crypto_seizures",
  COUNT(*) FILTER(WHERE
    (
      "t1"."date" IS NOT NULL
    ) AND (
      "t1"."type" = 'cryptocurrency'
    )) AS "n_E3__crypto_value_gbp",
  SUM("t1"."value_gbp") FILTER(WHERE
    (
      "t1"."date" IS NOT NULL
    ) AND (
      "t1"."type" = 'cryptocurrency'
    )) AS "s_E3__crypto_value_gbp"
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
  3;

-- scan training.date
SELECT
  (
    EXTRACT(year FROM "t1"."date") * 100
  ) + EXTRACT(month FROM "t1"."date") AS "month",
  "t1"."force" AS "unit",
  COUNT(*) AS "_records",
  COUNT(*) FILTER(WHERE
    (
      "t1"."date" IS NOT NULL
    )
    AND (
      "t1"."course" = 'cryptoasset_investigation'
    )) AS "n_E3__crypto_training_attendees",
  SUM("t1"."attendees") FILTER(WHERE
    (
      "t1"."date" IS NOT NULL
    )
    AND (
      "t1"."course" = 'cryptoasset_investigation'
    )) AS "s_E3__crypto_training_attendees"
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
  2;

-- scan disseminations.disseminated_on
SELECT
  (
    EXTRACT(year FROM "t1"."disseminated_on") * 100
  ) + EXTRACT(month FROM "t1"."disseminated_on") AS "month",
  "t1"."force" AS "unit",
  COUNT(*) AS "_records",
  COUNT(*) FILTER(WHERE
    (
      "t1"."disseminated_on" IS NOT NULL
    ) AND (
      "t1"."type" = 'pursue'
    )) AS "n_F1a__disseminations"
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
  2;

-- scan disseminations.outcome_on
SELECT
  (
    EXTRACT(year FROM "t1"."outcome_on") * 100
  ) + EXTRACT(month FROM "t1"."outcome_on") AS "month",
  "t1"."force" AS "unit",
  "t1"."outcome_code" AS "b_outcome_code",
  COUNT(*) AS "_records",
  COUNT(*) FILTER(WHERE
    (
      "t1"."outcome_on" IS NOT NULL
    ) AND "t1"."outcome_code" IN ('22')) AS "n_F1a__outcome_22",
  COUNT(*) FILTER(WHERE
    (
      "t1"."outcome_on" IS NOT NULL
    )
    AND "t1"."outcome_code" IN ('1', '1A', '2', '2A', '3', '3A', '4', '6', '7', 
'8')) AS "n_F1b__judicial_outcomes",
  COUNT(*) FILTER(WHERE
    (
      "t1"."outcome_on" IS NOT NULL
    )
    AND (
      (
        "t1"."outcome_code" IS NOT NULL
      )
      AND NOT (
        "t1"."outcome_code" IN ('1', '1A', '2', '2A', '3', '3A', '4', '6', '7', 
'8')
      )
    )) AS "n_F1b__non_judicial_outcomes",
  COUNT(*) FILTER(WHERE
    (
      "t1"."outcome_on" IS NOT NULL
    ) AND (
      "t1"."outcome_code" IS NOT NULL
    )) AS "n_F1b__all_outcomes",
  COUNT(*) FILTER(WHERE
    (
      "t1"."outcome_on" IS NOT NULL
    )
    AND "t1"."outcome_code" IN ('5', '9', '10', '11', '12', '13', '14', '15', 
'16', '17', '18', '19', '20', '21')) AS "n_F1b__nfa_outcomes"
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
  3;

-- scan disseminations.disseminated_on~outcome_on
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
  COUNT(*) AS "_records",
  COUNT(*) FILTER(WHERE
    "t1"."disseminated_on" IS NOT NULL) AS "n_F1c__outstanding",
  COUNT(*) FILTER(WHERE
    "t1"."disseminated_on" IS NOT NULL) AS "n_F1c__disseminated_to_date"
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
  3;

-- scan ftc_referrals.received_on
SELECT
  (
    EXTRACT(year FROM "t1"."received_on") * 100
  ) + EXTRACT(month FROM "t1"."received_on") AS "month",
  COUNT(*) AS "_records",
  COUNT(*) FILTER(WHERE
    "t1"."received_on" IS NOT NULL) AS "n_F4__referrals"
FROM (
  SELECT
    *
  FROM "ftc_referrals" AS "t0"
  WHERE
    "t0"."received_on" >= MAKE_DATE(2022, 7, 1)
    AND "t0"."received_on" <= MAKE_DATE(2024, 6, 30)
) AS "t1"
GROUP BY
  1;

-- scan ftc_packages.disseminated_on
SELECT
  (
    EXTRACT(year FROM "t1"."disseminated_on") * 100
  ) + EXTRACT(month FROM "t1"."disseminated_on") AS "month",
  COUNT(*) AS "_records",
  COUNT(*) FILTER(WHERE
    "t1"."disseminated_on" IS NOT NULL) AS "n_F4__disseminations"
FROM (
  SELECT
    *
  FROM "ftc_packages" AS "t0"
  WHERE
    "t0"."disseminated_on" >= MAKE_DATE(2022, 7, 1)
    AND "t0"."disseminated_on" <= MAKE_DATE(2024, 6, 30)
) AS "t1"
GROUP BY
  1;

-- scan ftc_packages.adopted_on
SELECT
  (
    EXTRACT(year FROM "t1"."adopted_on") * 100
  ) + EXTRACT(month FROM "t1"."adopted_on") AS "month",
  COUNT(*) AS "_records",
  COUNT(*) FILTER(WHERE
    "t1"."adopted_on" IS NOT NULL) AS "n_F4__packages_adopted"
FROM (
  SELECT
    *
  FROM "ftc_packages" AS "t0"
  WHERE
    "t0"."adopted_on" >= MAKE_DATE(2022, 7, 1)
    AND "t0"."adopted_on" <= MAKE_DATE(2024, 6, 30)
) AS "t1"
GROUP BY
  1;

-- scan ftc_packages.investigation_started_on
SELECT
  (
    EXTRACT(year FROM "t1"."investigation_started_on") * 100
  ) + EXTRACT(month FROM "t1"."investigation_started_on") AS "month",
  COUNT(*) AS "_records",
  COUNT(*) FILTER(WHERE
    "t1"."investigation_started_on" IS NOT NULL) AS 
"n_F4__packages_investigated"
FROM (
  SELECT
    *
  FROM "ftc_packages" AS "t0"
  WHERE
    "t0"."investigation_started_on" >= MAKE_DATE(2022, 7, 1)
    AND "t0"."investigation_started_on" <= MAKE_DATE(2024, 6, 30)
) AS "t1"
GROUP BY
  1;

-- scan protect_events.date
SELECT
  (
    EXTRACT(year FROM "t1"."date") * 100
  ) + EXTRACT(month FROM "t1"."date") AS "month",
  COALESCE("t1"."force", "t1"."region") AS "unit",
  "t1"."audience" AS "b_audience",
  COUNT(*) AS "_records",
  COUNT(*) FILTER(WHERE
    "t1"."date" IS NOT NULL) AS "n_F5a__events",
  COUNT(*) FILTER(WHERE
    "t1"."date" IS NOT NULL) AS "n_F5a__attendees",
  SUM("t1"."attendees") FILTER(WHERE
    "t1"."date" IS NOT NULL) AS "s_F5a__attendees"
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
  3;

-- scan protect_survey+protect_events.date
SELECT
  (
    EXTRACT(year FROM "t7"."date") * 100
  ) + EXTRACT(month FROM "t7"."date") AS "month",
  COALESCE("t7"."force", "t7"."region") AS "unit",
  "t7"."audience" AS "b_audience",
  COUNT(*) AS "_records",
  COUNT(*) FILTER(WHERE
    (
      "t7"."date" IS NOT NULL
    ) AND (
      "t7"."satisfied" = TRUE
    )) AS "n_F5b__satisfied",
  COUNT(*) FILTER(WHERE
    (
      "t7"."date" IS NOT NULL
    ) AND (
      "t7"."satisfied" IS NOT NULL
    )) AS "n_F5b__answered",
  COUNT(*) FILTER(WHERE
    (
      "t7"."date" IS NOT NULL
    ) AND (
      "t7"."likely_to_change_behaviour" = TRUE
    )) AS "n_F5c__likely_to_change",
  COUNT(*) FILTER(WHERE
    (
      "t7"."date" IS NOT NULL
    )
    AND (
      "t7"."likely_to_change_behaviour" IS NOT NULL
    )) AS "n_F5c__answered"
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
  3;

-- scan campaigns.start_on
SELECT
  (
    EXTRACT(year FROM "t1"."start_on") * 100
  ) + EXTRACT(month FROM "t1"."start_on") AS "month",
  "t1"."region" AS "unit",
  COUNT(*) AS "_records",
  COUNT(*) FILTER(WHERE
    (
      "t1"."start_on" IS NOT NULL
    )
    AND (
      "t1"."scope" = 'national'
    )
    AND (
      "t1"."supported_by_protect" = TRUE
    )) AS "n_F5__national_campaigns_supported",
  COUNT(*) FILTER(WHERE
    "t1"."start_on" IS NOT NULL) AS "n_F6__social_reach",
  SUM("t1"."social_reach") FILTER(WHERE
    "t1"."start_on" IS NOT NULL) AS "s_F6__social_reach"
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

