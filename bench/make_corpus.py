#!/usr/bin/env python3
"""Write a deterministic corpus of realistic COE files for benchmarking.

    python bench/make_corpus.py N DIR [--seed 1]

Writes ``N`` COE YAML files (format 1) into ``DIR``, named
``COE-00001-<slug>.yaml`` and so on, plus two files that `coe lint DIR` does
not read:

- ``DIR/.coe.toml`` lists the 12 root-cause categories the corpus uses, so
  that `coe` run from ``DIR`` also runs `category-unknown`;
- ``DIR/.corpus.json`` records the seed, the count, the sizes and which files
  carry a deliberate defect (run.py uses it to decide whether to reuse a corpus).

The files vary in severity, status, kind, team, services, root-cause category,
dates (2023 to 2026), timeline length (3 to 15 events), whys (3 to 7),
corrective actions (2 to 8, with every status), text length, scalar style
(plain, ``>-``, ``|``), comments and flow or block style. About 1% carry a
deliberate defect, so that lint has findings to report:

- ``missing-root-cause``: no ``root_cause.summary`` (root-cause-missing);
- ``action-no-owner``: an action with no ``owner`` (action-owner-missing);
- ``blame``: "human error" in a why (blame-language);
- ``overdue``: an open action due before 2026-11-23 (action-overdue);
- ``unknown-key``: ``impact.customer_affected``, a typo (schema).

Every other file lints clean with ``coe lint --strict --today 2026-11-23``.
Each file is generated from its own ``Random(seed, index)``, so a smaller
corpus is a prefix of a larger one with the same seed (defects included).
Only the standard library is used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import sys
import time
from pathlib import Path

GENERATOR_VERSION = 1
TODAY = dt.date(2026, 11, 23)  # the date the benchmark pins with --today
DEFECT_EVERY = 100  # one file in a hundred carries a defect
DEFECTS = ("missing-root-cause", "action-no-owner", "blame", "overdue", "unknown-key")

CATEGORIES = (
    "config-change",
    "deployment",
    "capacity",
    "dependency-failure",
    "software-bug",
    "data-corruption",
    "certificate-expiry",
    "access-control",
    "monitoring-gap",
    "process-gap",
    "vendor-failure",
    "training-gap",
)

TEAMS = {
    "payments": ["checkout", "payment-gateway", "pricing-quote", "fraud-scoring", "wallet"],
    "search": ["search-api", "indexer", "query-suggest", "catalog"],
    "identity": ["login", "session-store", "mfa", "account-service"],
    "storage": ["blob-store", "metadata-db", "backup-service", "object-gc"],
    "networking": ["edge-proxy", "dns", "load-balancer", "cdn"],
    "customer-service": ["contact-centre", "case-tool", "outbound-email", "chat"],
    "billing": ["invoicing", "refunds", "subscription-billing", "tax-engine"],
    "logistics": ["shipping-rates", "warehouse-api", "carrier-gateway", "tracking"],
    "platform": ["deploy-pipeline", "config-service", "k8s-cluster", "service-mesh"],
    "data": ["event-stream", "data-warehouse", "etl-jobs", "reporting"],
    "mobile": ["ios-app", "android-app", "push-notifications", "mobile-gateway"],
    "security": ["secrets-manager", "cert-manager", "waf", "audit-log"],
}
TICKET_PROJECTS = {
    "payments": "PAY", "search": "SRCH", "identity": "IAM", "storage": "STOR", "networking": "NET",
    "customer-service": "CS", "billing": "BILL", "logistics": "LOG", "platform": "PLAT",
    "data": "DATA", "mobile": "MOB", "security": "SEC",
}
SURNAMES = (
    "lee santos nakamura okafor brandt patel walsh ibrahim osei chen adeyemi fischer lindqvist "
    "garcia novak kowalski haddad murphy rossi dubois silva tanaka kim nguyen schmidt jensen "
    "moreau costa ivanova yilmaz mensah ahmed oconnor petrov svensson kaur dimitrov mwangi reyes"
).split()
INITIALS = "abcdefghijklmnoprstvwy"
OFFSETS = (("Z", 0), ("Z", 0), ("Z", 0), ("Z", 0), ("+00:00", 0), ("+01:00", 60), ("+02:00", 120),
           ("-05:00", -300), ("-08:00", -480), ("+05:30", 330), ("+09:00", 540), ("-03:00", -180))

# Per category: titles, root-cause openings, and a chain of (why, because).
CAUSES = {
    "config-change": dict(
        titles=["{Svc} errors after a config change lowered {thing}", "Config push to {svc} disabled {thing}",
                "{Svc} outage from a mistyped {thing} in the {region} config"],
        cause=["A config change to {svc} lowered {thing} from {n} to {m}, and config pushes reached every cluster at once.",
               "A shared defaults file meant for development overrode the production {thing} of {svc}.",
               "The {region} override for {svc} did not redeclare {thing}, so a default applied in production."],
        whys=[("Why did {svc} fail requests?", "Its {thing} dropped from {n} to {m} and requests were rejected."),
              ("Why did the value drop?", "The production override did not redeclare it, so the shared default applied."),
              ("Why did review not catch it?", "The review showed the lines that moved, not the rendered production config."),
              ("Why did it reach every cluster at once?", "Config changes bypass the staged rollout that code uses."),
              ("Why do config changes bypass staging?", "The config pipeline was built before staged rollouts existed and was never moved over.")]),
    "deployment": dict(
        titles=["{Svc} rollout broke {thing} for {pct} percent of traffic", "Failed deploy of {svc} left {thing} half migrated",
                "{Svc} release {ver} caused elevated 5xx on {svc2}"],
        cause=["Release {ver} of {svc} changed {thing} in a way {svc2} could not read, and the canary did not send {svc2} traffic.",
               "A deploy of {svc} ran the schema migration before the new code was live in every region.",
               "The rollback of {svc} took {mins} minutes because the previous build had been garbage-collected."],
        whys=[("Why did {svc2} fail?", "It received a {thing} format it did not understand from {svc} release {ver}."),
              ("Why was the format changed?", "The release renamed a field without a compatibility window."),
              ("Why did the canary pass?", "The canary hosts do not receive traffic from {svc2}."),
              ("Why did the contract tests not fail?", "Contract tests for {svc2} were disabled in the {month} pipeline cleanup."),
              ("Why were they disabled?", "They were flaky and no team owned fixing them.")]),
    "capacity": dict(
        titles=["{Svc} saturated during the {event} peak", "{Svc} ran out of {thing} under load",
                "Slow {svc} responses as {thing} hit its limit"],
        cause=["{Svc} ran out of {thing} at {pct} percent above forecast traffic, and autoscaling was capped at {n} instances.",
               "The {event} peak sent {n} requests per second to {svc}, which had been load-tested only to {m}.",
               "A noisy tenant consumed the shared {thing} of {svc}, and there were no per-tenant limits."],
        whys=[("Why were requests slow?", "{Svc} had exhausted its {thing} and queued requests."),
              ("Why was it exhausted?", "Traffic reached {n} requests per second, {pct} percent above the forecast."),
              ("Why was the forecast wrong?", "It was based on last year's {event}, before {svc2} started calling {svc}."),
              ("Why did autoscaling not help?", "The instance cap of {m} had not been revisited since launch."),
              ("Why was the cap not revisited?", "Capacity reviews happen yearly and the last one predates the {svc2} integration.")]),
    "dependency-failure": dict(
        titles=["{Svc} degraded when {svc2} timed out", "Cascading failure from {svc2} into {svc}",
                "{Svc} unavailable during a {svc2} brownout"],
        cause=["{Svc} called {svc2} synchronously with a {n}-second timeout and no circuit breaker, so a {svc2} brownout exhausted its threads.",
               "Retries from {svc} tripled the load on a struggling {svc2}, turning a partial brownout into a full outage.",
               "{Svc} treated an empty answer from {svc2} as fatal instead of falling back to cached data."],
        whys=[("Why did {svc} stop serving?", "All worker threads were blocked waiting for {svc2}."),
              ("Why were they blocked?", "The client timeout was {n} seconds, far above the {m} ms latency budget."),
              ("Why was the timeout so long?", "It was the library default and nobody set it explicitly."),
              ("Why was there no circuit breaker?", "The {svc2} client predates the shared resilience library."),
              ("Why was the client not migrated?", "The migration was planned but not funded in the {quarter} roadmap.")]),
    "software-bug": dict(
        titles=["{Svc} returned wrong {thing} after a code change", "Race condition in {svc} duplicated {thing}",
                "{Svc} crash loop on malformed {thing}"],
        cause=["A change in {svc} introduced a race between two writers of {thing}, visible only under concurrent load.",
               "{Svc} did not handle an empty {thing} list, and a rare input crashed every worker that picked it up.",
               "An off-by-one in the {thing} pagination of {svc} skipped one record in every page of {n}."],
        whys=[("Why were customers shown the wrong {thing}?", "{Svc} computed it from a stale copy."),
              ("Why was the copy stale?", "Two writers updated {thing} without a version check."),
              ("Why did tests not find it?", "The tests ran single-threaded and never exercised concurrent writes."),
              ("Why is there no concurrency test?", "The test harness for {svc} cannot start more than one worker."),
              ("Why has the harness not been extended?", "It is owned by a team that was reorganised in {month}.")]),
    "data-corruption": dict(
        titles=["Corrupted {thing} records in {svc}", "{Svc} backfill overwrote {thing} for {n} accounts",
                "Duplicate {thing} rows after a {svc} replay"],
        cause=["A backfill job in {svc} wrote {thing} without the tenant filter, overwriting {n} records.",
               "Replaying the {svc2} event stream into {svc} was not idempotent and duplicated {thing}.",
               "An encoding change in {svc2} produced {thing} that {svc} stored without validation."],
        whys=[("Why were {n} records wrong?", "The backfill job overwrote them with values from another tenant."),
              ("Why did it cross tenants?", "The query omitted the tenant filter."),
              ("Why was the query not reviewed?", "Backfill scripts are run by hand and are not code-reviewed."),
              ("Why are they run by hand?", "There is no job framework for one-off data fixes."),
              ("Why was damage not limited?", "The job had no dry-run mode and no row limit.")]),
    "certificate-expiry": dict(
        titles=["Expired certificate took down {svc}", "{Svc} TLS failures after an intermediate certificate expired",
                "Clients of {svc} rejected a rotated certificate"],
        cause=["The TLS certificate for {svc} expired because renewal depended on a manual step owned by a team that no longer exists.",
               "An intermediate certificate in the {svc} chain expired; automated renewal replaced only the leaf.",
               "The rotated certificate of {svc} used a new root that the {svc2} client trust store did not include."],
        whys=[("Why did TLS handshakes fail?", "The certificate served by {svc} had expired."),
              ("Why was it not renewed?", "Renewal required a manual step in the old PKI tool."),
              ("Why was the step missed?", "Its owner had left and the reminder went to a closed mailbox."),
              ("Why did monitoring not warn?", "Expiry checks covered public endpoints only, not {svc}."),
              ("Why only public endpoints?", "The expiry checker reads its list from the CDN config, which {svc} is not in.")]),
    "access-control": dict(
        titles=["Over-broad access to {thing} in {svc}", "{Svc} exposed {thing} to the wrong tenant",
                "Stale permissions let a service account read {thing}"],
        cause=["A role in {svc} granted read access to all {thing} instead of the caller's own, and no test covered tenant isolation.",
               "A service account used by {svc2} kept write access to {thing} after its migration to {svc}.",
               "{Svc} cached authorisation decisions for {mins} minutes, so revoked access kept working."],
        whys=[("Why could the caller read {thing}?", "The role granted access to every tenant's {thing}."),
              ("Why was the role so broad?", "It was copied from an internal admin role during setup."),
              ("Why was that not caught?", "Access reviews check who has a role, not what the role allows."),
              ("Why are role contents not reviewed?", "Role definitions live in {svc} code and have no owner."),
              ("Why do they have no owner?", "Ownership of shared infrastructure roles was never assigned.")]),
    "monitoring-gap": dict(
        titles=["{Svc} failures went unnoticed for {hours} hours", "Silent {thing} loss in {svc}",
                "No alarm fired while {svc} dropped {thing}"],
        cause=["{Svc} dropped {thing} for {hours} hours and no alarm fired, because the only alarm watched request errors, not throughput.",
               "The {svc} dashboard aggregated all regions, so a full outage in {region} looked like a {pct} percent dip.",
               "An alarm on {svc} had been muted during maintenance in {month} and never unmuted."],
        whys=[("Why did it take {hours} hours to notice?", "No alarm fired for the drop in {thing}."),
              ("Why did no alarm fire?", "The alarms watched error rates, and {svc} reported success while dropping work."),
              ("Why was throughput not monitored?", "The service launched with the default alarm set only."),
              ("Why only the defaults?", "The launch checklist does not ask which failures the alarms cover."),
              ("Why does the checklist not ask?", "It was written for request-response services, not pipelines.")]),
    "process-gap": dict(
        titles=["Change to {svc} shipped without the {team} team", "{Svc} process change left customers without {thing}",
                "Handover gap between {team} and the vendor on {thing}"],
        cause=["A change to {svc} was approved without anyone from the teams that depend on it, so the loss of {thing} went unnoticed.",
               "No one owned {thing} after the reorganisation in {month}, and the weekly check stopped.",
               "The runbook for {svc} described a tool that had been retired, and on-call improvised for {mins} minutes."],
        whys=[("Why did customers lose {thing}?", "A change to {svc} removed it."),
              ("Why was the change approved?", "The change board did not include the teams that use {thing}."),
              ("Why were they not included?", "Stakeholders are listed by hand by the person proposing the change."),
              ("Why by hand?", "There is no map of which teams depend on which feature of {svc}."),
              ("Why is there no map?", "Dependencies are tracked per service, not per feature.")]),
    "vendor-failure": dict(
        titles=["{Vendor} outage stopped {thing}", "{Vendor} API change broke {svc}",
                "Degraded {thing} during a {vendor} incident"],
        cause=["{Vendor} had a regional outage, and {svc} had no second provider or queue for {thing}.",
               "{Vendor} changed an API response without notice, and {svc} rejected every {thing}.",
               "The {vendor} contract had no status notifications, so we learned of their incident from customers."],
        whys=[("Why did {thing} stop?", "{Vendor} was unavailable and {svc} has no fallback."),
              ("Why is there no fallback?", "A second provider was evaluated in {month} but not integrated."),
              ("Why was it not integrated?", "The cost was weighed against an uptime figure from the sales contract, not measured history."),
              ("Why did we find out late?", "We do not subscribe to the {vendor} status feed."),
              ("Why not?", "Vendor onboarding has no step for operational notifications.")]),
    "training-gap": dict(
        titles=["New agents gave wrong {thing} guidance", "{Svc} misuse by new starters caused {thing} errors",
                "Knowledge article on {thing} out of date for {n} weeks"],
        cause=["Agents in their first {n} weeks were not trained on the new {thing} policy, and the knowledge base still described the old one.",
               "The {svc} admin screen allowed a bulk change that new staff had not been shown, with no confirmation step.",
               "Training for the {thing} process was recorded before the {month} policy change and never re-recorded."],
        whys=[("Why did customers get the wrong {thing}?", "Agents followed the knowledge article."),
              ("Why was the article wrong?", "The {month} policy change did not include updating it."),
              ("Why was it not included?", "The policy owner did not know which articles reference the policy."),
              ("Why not?", "Articles are not linked to the policies they describe."),
              ("Why did training not cover it?", "Training is refreshed yearly, not when a policy changes.")]),
}
DEEPER_WHYS = [
    ("Why was this risk not on anyone's list?", "The last risk review for {team} predates the {svc2} integration."),
    ("Why did the previous COE not prevent this?", "Its prevent action was closed when the ticket was moved, not when the fix shipped."),
    ("Why did nobody question it earlier?", "The behaviour had worked for {n} months and no test described it."),
    ("Why was the documentation wrong?", "Docs for {svc} are updated after releases, and this release had none."),
    ("Why is there no automated check?", "The check was proposed in {quarter} and deprioritised for feature work."),
    ("Why was that trade-off made?", "Reliability work has no separate budget in the {team} roadmap."),
]
THINGS = ("connection pool size", "cache memory limit", "rate limit", "session timeout", "feature flag",
          "retry budget", "queue depth", "price quotes", "shipping labels", "refund requests", "order events",
          "invoice lines", "search results", "login tokens", "push messages", "delivery estimates",
          "address data", "payment authorisations", "audit records", "thread pool")
EVENTS = ("Black Friday", "Cyber Monday", "end-of-month billing run", "New Year sale", "Prime Day",
          "back-to-school", "product launch", "tax deadline")
REGIONS = ("eu-west-1", "us-east-1", "us-west-2", "ap-southeast-1", "eu-central-1", "sa-east-1")
VENDORS = ("Parcelwise", "Paystream", "Mailgrid", "Telcoline", "Geoaddr", "Smsbridge", "Ratecard")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

FILLER = [
    "The first alarm fired on {svc2} rather than on {svc}, which sent the on-call engineer to the wrong dashboard.",
    "Customers in {region} were affected first, and the other regions followed within {mins} minutes.",
    "Support saw a rise in contacts before any alarm fired.",
    "The incident channel had {n} participants at its peak, and the incident commander split the work into two streams.",
    "A rollback was considered early but rejected, because the last known good build was {days} days old.",
    "Error rates on {svc} stayed above {pct} percent for most of the incident.",
    "The status page was updated {mins} minutes after detection.",
    "Traffic recovered gradually as caches warmed, rather than all at once.",
    "The {team} team had changed on-call rotation that week, and the handover notes did not mention the pending change.",
    "Several retries per request doubled the load on {svc2} while the problem lasted.",
    "Internal users reported the problem in chat about {mins} minutes before the first customer contact.",
    "No data was lost, but {n} requests had to be replayed from the dead-letter queue.",
    "Engineers from {team} and the {svc2} owners worked the incident together from the first hour.",
    "The dashboards for {svc} showed averages, which hid the failing percentile for most of the incident.",
    "A similar but smaller event on {svc} {days} days earlier had been closed as transient.",
    "Mitigation required a manual step in {region} because automation there was one version behind.",
    "Once the change was reverted, error rates returned to the usual {pct2} percent within minutes.",
    "The problem affected mobile clients more than web clients, because mobile retries are more aggressive.",
]
CUSTOMER_LINES = [
    "{n} customers saw errors while using {svc}, and {m} of them contacted support.",
    "Customers could not complete {thing} for {mins} minutes.",
    "About {pct} percent of requests from customers in {region} failed or timed out.",
    "Some customers retried and were charged twice; all duplicate charges were refunded within {days} days.",
    "Customers were shown wrong {thing} for {hours} hours; {m} acted on it before the fix.",
    "Business customers on the enterprise plan were affected for longer, because their traffic is pinned to {region}.",
    "No customer data was lost or exposed.",
    "Customers who contacted support waited {mins} minutes on average, against a usual 4.",
]
BUSINESS_LINES = [
    "About {money} USD of lost revenue and {m} support contacts.",
    "{n} failed orders, of which {pct} percent were retried successfully later.",
    "{m} support contacts and {days} analyst-days of clean-up work.",
    "Service credits of {money} USD were issued to {m} enterprise customers.",
    "The incident breached the monthly availability target of {svc}.",
    "A planned launch was postponed by one week while the fix was verified.",
    "Refunds and goodwill credits cost {money} USD.",
]
COMMS = [
    "{time} UTC: status page updated to degraded.",
    "{time} UTC: banner shown in the app.",
    "{time} UTC: apology email sent to affected customers.",
    "{time} UTC: enterprise account managers briefed their customers.",
    "{time} UTC: support macro published for agents.",
    "{time} UTC: status page marked resolved.",
]  # in the order they would happen
DETECTION = [
    "Detected after {ttd} by the {svc} error-rate alarm.",
    "Detected after {ttd}, when support escalated a spike in contacts; no alarm fired.",
    "Detected after {ttd} by a synthetic check in {region}.",
    "A customer reported it on social media; we detected it after {ttd}.",
]
DIAGNOSIS = [
    "Took {mins} minutes, because the first alarm pointed at {svc2}.",
    "Quick once the deploy log was checked: the change was the only one in the window.",
    "Took {mins} minutes; logs for {svc} in {region} were sampled at 1 percent.",
    "Slow, because the dashboards showed averages and the failure was in the p99.",
]
MITIGATION = [
    "Rolled back the change in {mins} minutes.",
    "Shifted traffic away from {region} and scaled {svc} out by {n} instances.",
    "Disabled the feature flag, then drained the backlog over {hours} hours.",
    "Failed over to the secondary {svc2} cluster after {mins} minutes.",
]
TIMELINE = {
    "start": ["{change} goes live on {svc}.", "Traffic to {svc} starts rising ahead of the {event} peak.",
              "{Vendor} begins a regional incident affecting {thing}.", "Error rate on {svc} begins to climb."],
    "detect": ["{Svc} error-rate alarm fires and pages the on-call engineer.", "Support escalates a spike in contacts about {thing}.",
               "Synthetic check in {region} fails three times in a row; on-call paged.",
               "Customer post on social media flagged by the social team."],
    "diag": ["Incident declared as {sev}; incident commander assigned.", "On-call engineer checks the {svc2} dashboard, which looks healthy.",
             "Deploy log shows a change to {svc} {mins} minutes before the first errors.", "{Team} team joins the incident call.",
             "Logs show timeouts from {svc} to {svc2}.", "Hypothesis: {thing} exhausted. Confirmed from host metrics.",
             "Status page updated to degraded.", "Rollback of {svc} started in {region}.",
             "Error rate falls to {pct} percent in {region}; other regions still failing.", "Customer-facing banner enabled.",
             "Second engineer from {team} paged for {svc2}.", "Traffic shifted away from {region}."],
    "mitigate": ["Rollback complete; error rate back to normal.", "Feature flag disabled; requests succeed again.",
                 "Traffic fully served from healthy regions; customer impact ends.", "Capacity added; queue starts draining."],
    "resolve": ["Backlog drained and data reconciled. Incident resolved.", "All regions on the fixed build. Incident resolved.",
                "Affected customers contacted and refunds issued. Incident resolved."],
}
LESSONS = [
    "Config is code: a config push needs the same staged rollout and automatic rollback as a binary.",
    "Alarms should watch what customers experience, not only what servers report.",
    "Every call on the order path needs a timeout that fits the latency budget, and a fallback.",
    "A rollback plan is only real if it has been rehearsed.",
    "Dashboards that average across regions hide regional outages.",
    "Ownership must be explicit: a shared component with no owner gets no maintenance.",
    "The first call during a customer-facing incident is to the customer, not to the press.",
    "Capacity forecasts need to be revisited whenever a new caller is added.",
    "Backfills and one-off scripts need review and a dry run, like any other change.",
    "Vendor status feeds belong in our alerting, not in someone's inbox.",
    "Training has to change when the policy changes, not once a year.",
    "Certificates and other expiring secrets need an owner and an automated renewal.",
    "Retries without backoff turn a brownout into an outage.",
    "The change board must include the teams that depend on the change, not only the team making it.",
    "Muted alarms need an expiry.",
    "Tests that are disabled for being flaky are tests that no longer protect us.",
]
ACTIONS = {
    "prevent": ["Stage {svc} config rollouts like code, with a {bake}-minute bake and automatic rollback.",
                "Add contract tests between {svc} and {svc2} and block releases on them.",
                "Add per-tenant limits on {thing} in {svc}.", "Automate renewal of every certificate {svc} serves.",
                "Require review and a dry run for every backfill script.",
                "Integrate a second provider for {thing} with automatic failover.",
                "Add the missing tenant filter check to the {svc} data-access layer.",
                "Include dependent teams automatically in change reviews for {svc}."],
    "detect": ["Alarm on {thing} throughput for {svc}, not only on error rate.", "Alarm on certificate expiry 30 days ahead for all internal endpoints.",
               "Add per-region panels and alarms to the {svc} dashboard.", "Subscribe the {team} on-call channel to the {vendor} status feed.",
               "Add a synthetic check for {thing} in every region."],
    "mitigate": ["On a {svc2} timeout, serve cached {thing} instead of failing.", "Add a circuit breaker to the {svc} client for {svc2}.",
                 "Keep the last {n} builds of {svc} available for instant rollback.", "Add a kill switch for the {thing} feature in {svc}.",
                 "Make the {svc} event replay idempotent."],
    "process": ["Run a quarterly game day for {svc} failover.", "Update the {svc} runbook and review it every six months.",
                "Refresh agent training within two weeks of any policy change.", "Assign an owner to every shared role and alarm in {team}.",
                "Add a capacity review to the launch checklist for new callers of {svc}.",
                "Add expiry dates to muted alarms."],
}
EVIDENCE = [
    ("{Svc} error rate and latency, {date}", "https://grafana.example.internal/d/{svc}-overview"),
    ("Deploy log for {svc} around the incident", "https://deploy.example.internal/{svc}/history"),
    ("Support contact volume by hour", "https://insights.example.internal/support/volume"),
    ("Rendered config diff before and after the change", "https://config.example.internal/diff/{proj}-{ticket}"),
    ("Access logs for the affected accounts", None),
    ("Incident channel transcript", "https://chat.example.internal/archives/inc-{idnum}"),
    ("Query used to count affected customers", "https://warehouse.example.internal/queries/{ticket}"),
    ("{Vendor} incident report", None),
]
SECURITY = [
    "None: no data left the service and no access changed.",
    "None: the failure removed data from a cache rather than exposing it.",
    "None: the affected requests failed closed.",
    "Customer data was not exposed, but the incident showed that {svc} fails open when {svc2} is unavailable. CA-{k} closes that gap.",
    "A service account kept broader access than it needed for {days} days; access logs show no use outside its normal pattern.",
    "Credentials in the {svc} config were rotated as a precaution after the config was shared in the incident channel.",
]
PRIVACY = ["None: no personal data left its normal store.", "Addresses of {m} customers were visible to the wrong tenant's support staff; the privacy team assessed it as not notifiable.",
           "No personal data was involved."]
COMPLIANCE = ["No compliance impact.", "The availability breach is reportable under the enterprise SLA; credits were issued.",
              "Card data is not processed by {svc}, so PCI scope is unchanged."]
OTHER = ["Two other services use the same pattern and were fixed before they failed.", "On-call load for {team} was high that week; the follow-up review checked for burnout.",
         "The incident delayed the {quarter} release of {svc2} by one week."]
METRICS = {  # name: (low, high, unit); a float range gives a float value
    "failed requests": (100, 900000, "requests"), "failed orders": (10, 90000, "orders"),
    "outage duration": (0, 0, "minutes"), "support contacts": (5, 20000, "contacts"),
    "error rate": (0.5, 60.0, "percent"), "refunds issued": (1, 5000, "refunds"),
    "p99 latency": (800, 30000, "ms"), "messages delayed": (100, 2000000, "messages"),
}
TAGS = ("cache", "config-change", "rollout", "capacity", "timeouts", "retries", "tls", "pki", "vendor", "data-fix",
        "backfill", "alarms", "dashboards", "tenant-isolation", "training", "runbook", "peak", "mobile", "refunds", "pci")

_SPECIAL_START = set("-?:,[]{}#&*!|>'\"%@`")
_NEEDS_QUOTES = re.compile(r": |\s#|:$|^\s|\s$|[\t\n\\]")
_LOOKS_TYPED = re.compile(
    r"^(?:[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0[xob][0-9a-fA-F_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|null|Null|NULL|~"
    r"|\d{4}-\d\d?-\d\d?(?:[Tt ].*)?|\d+:\d+(?::\d+)*)$"
)


def plain_ok(text: str, flow: bool = False) -> bool:
    if not text or text[0] in _SPECIAL_START or _NEEDS_QUOTES.search(text) or _LOOKS_TYPED.match(text):
        return False
    # In flow context PyYAML (yamllint) also ends a plain scalar at `?` or `:`; libyaml does not.
    return not (flow and any(c in text for c in ",[]{}?:"))


def scalar(text: str, flow: bool = False) -> str:
    return text if plain_ok(text, flow) else json.dumps(text, ensure_ascii=False)


_WRAPS: dict[int, re.Pattern] = {}


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap at ``width`` columns (words are never longer than a line)."""
    if len(text) <= width:
        return [text]
    pattern = _WRAPS.get(width)
    if pattern is None:
        pattern = _WRAPS[width] = re.compile(rf"(\S.{{0,{width - 1}}})(?:\s+|$)")
    return pattern.findall(text)


class Doc:
    """A YAML document written line by line."""

    def __init__(self, rng: random.Random, comments: float):
        self.rng = rng
        self.out: list[str] = []
        self.comments = comments  # probability of an optional comment

    def line(self, text: str) -> None:
        self.out.append(text)

    def comment(self, indent: int, text: str) -> None:
        if self.rng.random() < self.comments:
            self.out.append(" " * indent + "# " + text)

    def text(self, prefix: str, indent: int, key: str, text: str, style: str | None = None) -> None:
        """``key: text`` at ``indent``; ``prefix`` replaces the indent (for ``- key:``)."""
        lead = prefix if prefix else " " * indent
        if style is None:
            style = "plain" if len(text) < 110 and self.rng.random() < 0.85 else ">-"
        if "\n" in text:
            style = "|"  # only a literal block keeps line breaks
        if style == "plain":
            self.out.append(f"{lead}{key}: {scalar(text)}")
        elif style == ">-":
            self.out.append(f"{lead}{key}: >-")
            pad = " " * (indent + 2)
            self.out.extend(pad + chunk for chunk in wrap(text, max(40, 78 - indent)))
        else:  # literal
            self.out.append(f"{lead}{key}: |")
            pad = " " * (indent + 2)
            for para in text.split("\n"):
                self.out.extend(pad + chunk for chunk in wrap(para, max(40, 78 - indent)))


def ts(moment: dt.datetime, offset: tuple[str, int]) -> str:
    local = moment + dt.timedelta(minutes=offset[1])
    return local.isoformat(timespec="seconds") + offset[0]


def person(rng: random.Random) -> str:
    return f"{rng.choice(INITIALS)}.{rng.choice(SURNAMES)}"


def people(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        name = person(rng)
        if name not in names:
            names.append(name)
    return names


def flow_list(items: list[str]) -> str:
    return "[" + ", ".join(scalar(item, flow=True) for item in items) + "]"


def write_list(doc: Doc, key: str, items: list[str], indent: int = 0) -> None:
    if doc.rng.random() < 0.8:
        doc.line(" " * indent + f"{key}: {flow_list(items)}")
    else:
        doc.line(" " * indent + f"{key}:")
        doc.out.extend(" " * indent + f"  - {scalar(item)}" for item in items)


def weighted(rng: random.Random, table: dict[str, float]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def duration_words(minutes: int) -> str:
    if minutes < 90:
        return f"{minutes} minutes"
    if minutes < 48 * 60:
        return f"{minutes // 60} hours {minutes % 60} minutes" if minutes % 60 else f"{minutes // 60} hours"
    return f"{minutes // 1440} days"


def make_coe(index: int, seed: int, defect: str | None) -> tuple[str, str]:
    """The text of COE number ``index`` and its file-name slug."""
    rng = random.Random(seed * 1_000_003 + index)
    team = rng.choice(list(TEAMS))
    services = rng.sample(TEAMS[team], rng.randint(1, min(3, len(TEAMS[team]))))
    if rng.random() < 0.35:
        other = rng.choice([t for t in TEAMS if t != team])
        services.append(rng.choice(TEAMS[other]))
    svc = services[0]
    svc2 = services[1] if len(services) > 1 else rng.choice(TEAMS[rng.choice(list(TEAMS))])
    if team == "customer-service":
        kind = weighted(rng, {"customer-service": 0.7, "process": 0.2, "technical": 0.1})
    elif team == "security":
        kind = weighted(rng, {"security": 0.6, "technical": 0.3, "process": 0.1})
    else:
        kind = weighted(rng, {"technical": 0.72, "process": 0.13, "customer-service": 0.08, "security": 0.07})
    category = rng.choice(CATEGORIES)
    if kind == "customer-service" and rng.random() < 0.5:
        category = rng.choice(("training-gap", "process-gap", "vendor-failure"))
    severity = weighted(rng, {"SEV1": 0.05, "SEV2": 0.2, "SEV3": 0.4, "SEV4": 0.25, "SEV5": 0.1})
    start = dt.datetime(2023, 1, 1) + dt.timedelta(minutes=rng.randrange(int((dt.datetime(2026, 10, 31) - dt.datetime(2023, 1, 1)).total_seconds() // 60)))
    recent = start.date() > dt.date(2026, 6, 1)
    status = weighted(rng, {"draft": 0.25, "in-review": 0.35, "approved": 0.3, "closed": 0.1} if recent
                      else {"draft": 0.04, "in-review": 0.08, "approved": 0.33, "closed": 0.55})
    if defect == "missing-root-cause" and status == "draft":
        status = "in-review"  # an error, not a draft's warning
    if defect == "overdue" and status == "closed":
        status = "approved"  # closed would add closed-with-open-actions
    offset = rng.choice(OFFSETS)
    # One factor scales text lengths and list sizes together, so that small
    # files are small throughout and large ones large: 1 is typical.
    verbosity = min(3.0, rng.lognormvariate(-0.28, 0.5))

    def sized(typical: float, low: int, high: int) -> int:
        return max(low, min(high, round(typical * verbosity + rng.uniform(-1, 1))))

    slow = kind in ("customer-service", "process")
    ttd = max(1, int(rng.lognormvariate(3.0 if not slow else 5.5, 1.0)))
    ttm = max(3, int(rng.lognormvariate(3.8 if not slow else 6.0, 0.9)))
    ttr = max(5, int(rng.lognormvariate(4.5 if not slow else 7.0, 1.0)))
    detected, mitigated = start + dt.timedelta(minutes=ttd), start + dt.timedelta(minutes=ttd + ttm)
    resolved = mitigated + dt.timedelta(minutes=ttr)
    n, m = rng.choice((64, 200, 500, 1200, 2000, 4000)), rng.choice((8, 16, 32, 50, 100, 150))
    words = dict(
        svc=svc, Svc=svc[0].upper() + svc[1:], svc2=svc2, team=team, Team=team.capitalize(),
        thing=rng.choice(THINGS), n=n, m=m, pct=rng.choice((3, 7, 12, 18, 25, 40, 60, 85)),
        pct2=rng.choice(("0.1", "0.2", "0.5")), mins=rng.randint(4, 95), hours=rng.randint(2, 30),
        days=rng.randint(2, 40), event=rng.choice(EVENTS), region=rng.choice(REGIONS),
        vendor=(v := rng.choice(VENDORS)).lower(), Vendor=v, month=rng.choice(MONTHS),
        quarter=f"Q{rng.randint(1, 4)} {start.year}", ver=f"{rng.randint(1, 9)}.{rng.randint(0, 40)}.{rng.randint(0, 9)}",
        money=f"{rng.randint(2, 900) * 100:,}", sev=severity, bake=rng.choice((15, 30, 60)), ttd=duration_words(ttd), k=1,
        change=rng.choice(("Config change", "Release", "Schema migration", "Certificate rotation", "Policy change")),
        proj=TICKET_PROJECTS[team], ticket=rng.randint(100, 9999), idnum=index, date=start.date().isoformat(),
    )

    def fill(template: str) -> str:
        return template.format(**words)

    def sentences(pool: list[str], low: int, high: int) -> str:
        count = max(low, min(len(pool), round(rng.randint(low, high) * verbosity)))
        return " ".join(fill(s) for s in rng.sample(pool, count))

    cause = CAUSES[category]
    title = fill(rng.choice(cause["titles"]))
    comments = rng.choice((0.0, 0.0, 0.0, 0.15, 0.3, 0.5, 0.9))
    doc = Doc(rng, comments)
    heavy = comments >= 0.5

    if rng.random() < 0.3:
        doc.line("# yaml-language-server: $schema=coe.schema.json")
    if rng.random() < 0.1:
        doc.line("---")
    doc.line("format: 1")
    doc.line(f"id: COE-{index:05d}")
    doc.line(f"title: {scalar(title)}")
    doc.line(f"status: {status}" + ("  # moved from draft after the review meeting" if heavy and status != "draft" and rng.random() < 0.5 else ""))
    doc.line(f"severity: {severity}")
    doc.line(f"kind: {kind}")
    write_list(doc, "authors", people(rng, rng.randint(1, 3)))
    reviewers = people(rng, rng.randint(1, 4)) if status in ("approved", "closed") or rng.random() < 0.3 else []
    if reviewers or rng.random() < 0.5:
        write_list(doc, "reviewers", reviewers)
    doc.line(f"owner_team: {team}")
    write_list(doc, "services", services)
    tags = rng.sample(TAGS, rng.randint(0, 5))
    if tags:
        write_list(doc, "tags", tags)
    if rng.random() < 0.25:
        doc.line(f"x_jira_epic: {TICKET_PROJECTS[team]}-{rng.randint(100, 9999)}")
    if rng.random() < 0.15:
        doc.line(f"x_region: {words['region']}")
    if rng.random() < 0.05:
        doc.line(f"x_cost_centre: {{code: {rng.randint(1000, 9999)}, owner: finance}}")
    doc.line("")

    doc.line("incident:")
    for key, moment in (("started_at", start), ("detected_at", detected), ("mitigated_at", mitigated), ("resolved_at", resolved)):
        if key == "resolved_at" and status == "draft" and rng.random() < 0.3:
            continue
        doc.line(f"  {key}: {ts(moment, offset)}")
    doc.line("")

    # 1. What happened?
    doc.comment(0, "1. What happened?")
    doc.line("what_happened:")
    summary = fill(rng.choice(cause["cause"])) + " " + sentences(FILLER, 1, 4)
    doc.text("", 2, "summary", summary, ">-" if len(summary) > 100 else None)
    doc.line("  timeline:")
    events = sized(5.5, 3, 15)
    moments = [(start, "start"), (detected, "detect")]
    middle = max(0, events - 4)
    for _ in range(middle):
        moments.append((detected + (mitigated - detected) * rng.random(), "diag"))
    moments.append((mitigated, "mitigate"))
    if events >= 4:
        moments.append((resolved, "resolve"))
    moments = sorted(moments, key=lambda pair: pair[0])[:events]
    diag_pool = rng.sample(TIMELINE["diag"], min(middle, len(TIMELINE["diag"])))
    for at, phase in moments:
        at = at.replace(second=0, microsecond=0)
        event = fill(diag_pool.pop() if phase == "diag" and diag_pool else rng.choice(TIMELINE[phase if phase != "diag" else "start"]))
        if rng.random() < 0.25 * verbosity:
            event += " " + fill(rng.choice(FILLER))
        if heavy and rng.random() < 0.15:
            doc.line("    # times from the incident channel")
        doc.line(f"    - at: {ts(at, offset)}")
        doc.text("", 6, "event", event, "plain" if len(event) < 160 or rng.random() < 0.6 else ">-")
    doc.line("")

    # 2. Impact
    doc.comment(0, "2. What was the impact on customers and on the business?")
    doc.line("impact:")
    doc.text("", 2, "customers", sentences(CUSTOMER_LINES, 1, 3))
    doc.text("", 2, "business", sentences(BUSINESS_LINES, 1, 3))
    if defect == "unknown-key":
        doc.line(f"  customer_affected: {n * 3}")
    metric_count = sized(1.6, 0, 5) if rng.random() < 0.85 else 0
    if defect != "unknown-key" and (rng.random() < 0.8 or not metric_count):  # else impact-unquantified
        doc.line(f"  customers_affected: {n * 3 + rng.randint(0, 999)}")
    if metric_count:
        metrics = []
        for name in rng.sample(list(METRICS), metric_count):
            low, high, unit = METRICS[name]
            value = ttm if name == "outage duration" else (
                round(rng.uniform(low, high), 1) if isinstance(low, float) else rng.randint(low, high))
            metrics.append((name, value, unit))
        style = rng.choice(("block", "block", "flow-items", "flow"))
        if style == "flow":
            doc.line("  metrics: [" + ", ".join(f"{{name: {a}, value: {b}, unit: {c}}}" for a, b, c in metrics) + "]")
        else:
            doc.line("  metrics:")
            for name, value, unit in metrics:
                if style == "flow-items":
                    doc.line(f"    - {{name: {name}, value: {value}, unit: {unit}}}")
                else:
                    doc.line(f"    - name: {name}")
                    doc.line(f"      value: {value}")
                    doc.line(f"      unit: {unit}")
    if rng.random() < 0.6:
        told = sorted(detected + (resolved - detected) * rng.random() for _ in range(rng.randint(1, 5)))
        templates = [COMMS[i] for i in sorted(rng.sample(range(len(COMMS)), len(told)))]
        lines = [fill(t.replace("{time}", moment.strftime("%Y-%m-%d %H:%M"))) for t, moment in zip(templates, told)]
        if len(lines) > 1 and rng.random() < 0.5:
            doc.text("", 2, "customer_communication", "\n".join("- " + line for line in lines), "|")
        else:
            doc.text("", 2, "customer_communication", " ".join(lines))
    doc.line("")

    if rng.random() < 0.7:
        doc.line("response:")
        doc.text("", 2, "detection", fill(rng.choice(DETECTION)))
        doc.text("", 2, "diagnosis", fill(rng.choice(DIAGNOSIS)) + ("" if verbosity < 1.2 else " " + fill(rng.choice(FILLER))))
        doc.text("", 2, "mitigation", fill(rng.choice(MITIGATION)))
        doc.line("")

    # 3. Root cause
    doc.comment(0, "3. What was the root cause?")
    doc.line("root_cause:")
    if defect != "missing-root-cause":
        root = fill(rng.choice(cause["cause"])) + (" " + sentences(FILLER, 0, 2) if verbosity > 1 else "")
        doc.text("", 2, "summary", root.strip(), ">-" if len(root) > 90 or rng.random() < 0.5 else "plain")
    doc.line(f"  category: {category}")
    doc.line("  five_whys:")
    whys = list(cause["whys"]) + rng.sample(DEEPER_WHYS, 2)
    count = sized(4, 3, 7)
    blame_at = rng.randrange(count) if defect == "blame" else -1
    for position, (why, because) in enumerate(whys[:count]):
        because = fill(because)
        if position == blame_at:
            because = "Human error: the engineer ran the command against the wrong environment."
        if rng.random() < 0.15 and len(because) < 70:
            doc.line(f"    - {{why: {scalar(fill(why), flow=True)}, because: {scalar(because, flow=True)}}}")
        else:
            doc.line(f"    - why: {scalar(fill(why))}")
            doc.text("", 6, "because", because, "plain" if len(because) < 130 or rng.random() < 0.5 else ">-")
    doc.line("")

    # 4. Supporting data
    doc.comment(0, "4. What data supports this?")
    doc.line("supporting_data:")
    for description, link in rng.sample(EVIDENCE, rng.randint(1, 4)):
        doc.line(f"  - description: {scalar(fill(description))}")
        if link:
            doc.line(f"    link: {fill(link)}")
    doc.line("")

    # 5. Implications
    doc.comment(0, "5. What were the critical implications, especially for security?")
    doc.line("implications:")
    doc.text("", 2, "security", fill(rng.choice(SECURITY)))
    if rng.random() < 0.6:
        doc.text("", 2, "privacy", fill(rng.choice(PRIVACY)))
    if rng.random() < 0.4:
        doc.text("", 2, "compliance", fill(rng.choice(COMPLIANCE)))
    if rng.random() < 0.3:
        doc.text("", 2, "other", fill(rng.choice(OTHER)))
    doc.line("")

    # 6. Lessons
    doc.comment(0, "6. What lessons did we learn?")
    doc.line("lessons_learned:")
    for lesson in rng.sample(LESSONS, max(1, min(6, round(rng.randint(1, 4) * verbosity)))):
        if len(lesson) > 100 and rng.random() < 0.3:
            doc.line("  - >-")
            doc.out.extend("    " + chunk for chunk in wrap(lesson, 74))
        else:
            doc.line(f"  - {scalar(lesson)}")
    doc.line("")

    # 7. Corrective actions
    doc.comment(0, "7. What corrective actions are we taking so this does not happen again?")
    doc.line("corrective_actions:")
    count = sized(3.3, 2, 8)
    no_owner_at = rng.randrange(count) if defect == "action-no-owner" else -1
    overdue_at = rng.randrange(count) if defect == "overdue" else -1
    owners = people(rng, 4)
    used: set[str] = set()
    for number in range(1, count + 1):
        position = number - 1
        kind_a = rng.choice(("prevent", "prevent", "detect", "mitigate", "process"))
        if position == 0 and severity in ("SEV1", "SEV2"):
            kind_a = "prevent"
        text = rng.choice(ACTIONS[kind_a])
        while text in used:  # no action twice in one file; every pool is larger than 8
            kind_a = rng.choice(("prevent", "detect", "mitigate", "process")) if position else kind_a
            text = rng.choice(ACTIONS[kind_a])
        used.add(text)
        if status == "closed":
            state = "done" if rng.random() < 0.9 else "wont-do"
        else:
            state = weighted(rng, {"done": 0.4, "in-progress": 0.25, "open": 0.3, "wont-do": 0.05})
        if position == 0 and state == "wont-do":
            state = "done"
        if position == overdue_at:
            state = "open"
        if state in ("open", "in-progress"):
            due = dt.date(2027, 1, 1) + dt.timedelta(days=rng.randrange(730))
            if position == overdue_at:
                due = TODAY - dt.timedelta(days=rng.randint(5, 120))
            done_on = None
        else:
            due = start.date() + dt.timedelta(days=rng.randint(14, 200))
            done_on = due + dt.timedelta(days=rng.randint(-30, 45))
            done_on = max(start.date() + dt.timedelta(days=1), min(done_on, TODAY - dt.timedelta(days=1)))
            if state == "wont-do":
                done_on = None
        doc.comment(2, rng.choice(("agreed in the review", "follow-up from the incident call", "tracked in the team board")))
        doc.line(f"  - id: CA-{number}")
        doc.text("", 4, "action", fill(text))
        if position != no_owner_at:
            doc.line(f"    owner: {rng.choice(owners)}")
        doc.line(f"    due: {due.isoformat()}")
        if rng.random() < 0.8:
            doc.line(f"    priority: {rng.choice(('high', 'medium', 'low'))}")
        if state != "open" or rng.random() < 0.7:
            doc.line(f"    status: {state}")
        doc.line(f"    kind: {kind_a}")
        if rng.random() < 0.6:
            doc.line(f"    ticket: https://jira.example.internal/browse/{TICKET_PROJECTS[team]}-{rng.randint(100, 9999)}")
        if done_on:
            doc.line(f"    done_on: {done_on.isoformat()}" + ("  # late" if heavy and done_on > due else ""))
    related = []
    if index > 1 and rng.random() < 0.15:
        # Only files that load: a dangling reference would be a finding.
        related = sorted({r for r in (rng.randint(1, index - 1) for _ in range(2)) if defect_for(r, seed) is None})
    if related:
        doc.line("")
        doc.line("related: [" + ", ".join(f"COE-{r:05d}" for r in related) + "]")
    slug = "-".join(re.findall(r"[a-z0-9]+", title.lower()))[:48].rstrip("-")
    return "\n".join(doc.out) + "\n", slug


def defect_for(index: int, seed: int) -> str | None:
    """One file in ``DEFECT_EVERY`` gets a defect; the kinds take turns."""
    if (index + seed * 37) % DEFECT_EVERY != DEFECT_EVERY // 2:
        return None
    return DEFECTS[(index // DEFECT_EVERY) % len(DEFECTS)]


def write_range(directory: Path, seed: int, first: int, last: int) -> list[tuple[str, int, str | None]]:
    """Write files ``first`` to ``last``; return (name, size, defect) for each."""
    written = []
    for index in range(first, last + 1):
        defect = defect_for(index, seed)
        text, slug = make_coe(index, seed, defect)
        name = f"COE-{index:05d}-{slug}.yaml"
        data = text.encode("utf-8")
        (directory / name).write_bytes(data)
        written.append((name, len(data), defect))
    return written


def generator_hash() -> str:
    """Of this file: a corpus made by another version of the generator is not reused."""
    import hashlib

    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def make_corpus(count: int, directory: Path, seed: int = 1, jobs: int | None = None) -> dict:
    """Write the corpus; ``jobs`` processes (None: one per core). The output does not depend on ``jobs``."""
    directory.mkdir(parents=True, exist_ok=True)
    if not jobs:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    jobs = max(1, min(jobs, count // 500))
    step = -(-count // jobs)
    ranges = [(first, min(count, first + step - 1)) for first in range(1, count + 1, step)]
    if jobs == 1:
        parts = [write_range(directory, seed, first, last) for first, last in ranges]
    else:
        import multiprocessing

        methods = multiprocessing.get_all_start_methods()
        with multiprocessing.get_context("fork" if "fork" in methods else None).Pool(jobs) as pool:
            parts = pool.starmap(write_range, [(directory, seed, first, last) for first, last in ranges])
    sizes, defects, names = [], {}, set()
    for name, size, defect in (row for part in parts for row in part):
        names.add(name)
        sizes.append(size)
        if defect:
            defects[name] = defect
    for stale in directory.glob("COE-*.yaml"):  # left by an earlier, larger or other-seed corpus
        if stale.name not in names:
            stale.unlink()
    (directory / ".coe.toml").write_text(
        "# Written by bench/make_corpus.py: the corpus's root-cause categories.\n"
        "categories = [" + ", ".join(f'"{c}"' for c in CATEGORIES) + "]\n",
        encoding="utf-8",
    )
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "generator_sha256": generator_hash(),
        "count": count,
        "seed": seed,
        "bytes": sum(sizes),
        "average_bytes": round(sum(sizes) / max(1, count)),
        "min_bytes": min(sizes, default=0),
        "max_bytes": max(sizes, default=0),
        "defects": defects,
    }
    (directory / ".corpus.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, metavar="N", help="how many COE files to write")
    parser.add_argument("directory", type=Path, metavar="DIR", help="where to write them (created if missing)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--jobs", type=int, default=None, help="processes to write with (default: one per core)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("N must be at least 1")
    began = time.perf_counter()
    manifest = make_corpus(args.count, args.directory, args.seed, args.jobs)
    elapsed = time.perf_counter() - began
    kinds = {}
    for defect in manifest["defects"].values():
        kinds[defect] = kinds.get(defect, 0) + 1
    print(
        f"wrote {manifest['count']} files to {args.directory} in {elapsed:.2f} s; "
        f"average size {manifest['average_bytes'] / 1000:.2f} KB "
        f"(min {manifest['min_bytes']}, max {manifest['max_bytes']} bytes, total {manifest['bytes'] / 1e6:.1f} MB); "
        f"{len(manifest['defects'])} with a deliberate defect"
        + (": " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) if kinds else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
