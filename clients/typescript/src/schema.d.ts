/**
 * Generated from clients/typescript/openapi.json by openapi-typescript (`npm run client:generate`).
 * Do not edit: a test compares this file with what the served document generates.
 */

export interface paths {
    "/v1/jobs/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A background job: status (queued, running, done, failed), progress 0..1, result or error */
        get: operations["getJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search decisions, newest first
         * @description Filters combine: outcome, applicationId, decidedAt in [from, to), a reason code. Page with `cursor` (the previous answer's `nextCursor`; `before` is its older name).
         */
        get: operations["searchDecisions"];
        put?: never;
        /**
         * Decide one credit application
         * @description Validates, enriches, applies lists, rules, models and strategy, stores the decision with its input snapshot, then answers. Repeat a request with the same `Idempotency-Key` to get the stored decision.
         */
        post: operations["decideApplication"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/decisions/{decisionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Fetch a stored decision */
        get: operations["getDecision"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/decisions/{decisionId}/inputs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The masked application and the facts a stored decision was made on */
        get: operations["getDecisionInputs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/decisions/{decisionId}/notice/issue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record that the adverse-action notice was issued to the applicant
         * @description Composes the notice in `lang` and appends `notice.issued` to the audit log: the decision, language, channel, the reasons as factors and codes, and the SHA-256 of the exact text (the log never holds the text). Each call is one issue. An approved decision has no notice (409).
         */
        post: operations["issueDecisionNotice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/decisions/{decisionId}/notice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The adverse-action notice of a declined or referred decision
         * @description Up to four principal reasons in plain language, ranked (the reasons that decided, then the models’ factors by points lost), one per factor; fraud, list, device and graph reasons are all worded as "we could not verify the information provided". Language: `lang`, else Accept-Language (zh-CN or en). An approved decision has no notice (409).
         */
        get: operations["getDecisionNotice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys */
        get: operations["listApiKeys"];
        put?: never;
        /** Create an API key (the secret is shown once) */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit log entries, newest first (page with nextCursor) */
        get: operations["listAuditEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recompute the tenant's chain: ok, or the first broken seq and why */
        get: operations["verifyAuditChain"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/privacy/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Everything held about one applicant, identity unsealed (audited) */
        post: operations["exportApplicantData"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/privacy/erase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Erase one applicant's personal data; decisions stay de-identified where retention requires */
        post: operations["eraseApplicant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/privacy/erasures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Whether (and when) a person, named by national id, was erased */
        post: operations["findErasure"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/privacy/sweep": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Purge this tenant's rows older than the configured retention periods (audited) */
        post: operations["sweepRetention"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/lists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant’s lists with their entry counts */
        get: operations["listLists"];
        put?: never;
        /** Create (or describe again) a list of one identifier kind and colour */
        post: operations["createList"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/lists/{name}/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Entries of a list: keyed hashes and metadata (never clear values) */
        get: operations["listListEntries"];
        put?: never;
        /** Add entries (all or nothing); clear values are hashed before anything else happens */
        post: operations["addListEntries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/lists/{name}/entries/remove": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Remove one entry by clear value (hashed at once) or by hash */
        post: operations["removeListEntry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/lists/{name}/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bulk CSV import, all or nothing: columns value|hash, reason, source, expires_at
         * @description Every bad row is reported (`row N / column`) and nothing is loaded when any row is bad.
         */
        post: operations["importListEntries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Flows of the tenant with their latest and champion versions */
        get: operations["listFlows"];
        put?: never;
        /** Save a new draft version (authoring errors are a 400 naming stage, rule, line and column) */
        post: operations["saveFlowDraft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check a flow: structure and every expression against the decision field catalogue */
        post: operations["validateFlow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows/{flowId}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One version */
        get: operations["getFlowVersion"];
        /** Replace a draft (published versions never change) */
        put: operations["replaceFlowDraft"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows/{flowId}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every version of a flow */
        get: operations["listFlowVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows/{flowId}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What changed between two versions (rules added, removed, changed; stages; bands; strategy) */
        get: operations["diffFlowVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows/{flowId}/versions/{version}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish a draft as champion (answers; the previous champion retires) or challenger (shadow)
         * @description A version that will answer applicants (champion, or challenger with traffic) first passes the tenant's fairness gate (GET /v1/settings/fairness): it runs over the newest 5,000 stored decisions; in warn mode it publishes and `fairness` names the groups under the threshold (also in the audit entry); in block mode any such group refuses the publish with 409, the problem naming them.
         */
        post: operations["publishFlowVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows/{flowId}/versions/{version}/traffic": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change a live challenger's share of live traffic (0 = back to shadow only) */
        post: operations["setChallengerTraffic"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows/{flowId}/arms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Outcomes per arm of the live champion / challenger split: decisions, approval rate, bad rate of mature loans (30+ DPD or written off) */
        get: operations["getFlowArmOutcomes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows/{flowId}/versions/{version}/backtest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a version and the live flow over stored decisions, imported applications or a CSV
         * @description Answers 202 with a background job (GET /v1/jobs/:id); its result has approval rates, bad rate among approved (where labels exist), swap-in / swap-out sets and per-rule hit rates and overlaps.
         */
        post: operations["backtestFlowVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows/shadow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Champion–challenger report over recent decisions: agreement and deltas per challenger */
        get: operations["getShadowReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who changed which list or flow, when and why (newest first) */
        get: operations["listPolicyChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/decisions/{decisionId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-evaluate the stored flow version on the stored facts; reports whether it matches */
        post: operations["replayDecision"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settings/fairness": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The fairness gate flows are published under: off, warn or block, and the adverse impact threshold */
        get: operations["getSettingsFairness"];
        /**
         * Change the fairness gate (either field; the other keeps its value)
         * @description warn: a publish goes through and its audit entry names the groups whose adverse impact ratio is under the threshold; block: such a publish is refused (409); off: no check. Threshold in (0, 1], 0.8 is the four-fifths rule. A bad value is a 400 naming the field.
         */
        put: operations["putSettingsFairness"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/proposals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's risk program proposals, newest first */
        get: operations["listProgramProposals"];
        put?: never;
        /**
         * Propose a risk program: validate, train on your own history out of time, register the models
         * @description Nothing goes live until another person approves the proposal (four eyes).
         */
        post: operations["proposeProgram"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programs/proposals/{proposalId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a proposal (a person other than its author): approve the models, publish flow and triggers */
        post: operations["approveProgramProposal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{name}/retrain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retrain a program model (the starter program's by default) on the outcomes that came back (a job)
         * @description Builds the training set from your stored decisions and loan outcomes, fits a challenger on the earlier months, scores it and the champion on the same out-of-time months (AUC, KS, PSI) and registers it as a draft with that comparison in its report. It is never approved here: another person approves it. Answers 202 with the job; GET /v1/jobs/{jobId} gives the result.
         */
        post: operations["retrainModel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/demo/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The demo tenant's live decisions on the out-of-time months against the demo book's truth */
        get: operations["getDemoReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/device/collector.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The browser device collector (stable URL; ≤ 15 kB minified) */
        get: operations["getDeviceCollector"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/device/payloads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Store a collector / mobile SDK payload for an application session
         * @description The lender relays what the collector or SDK produced, with the session id it will put in the application's `device.sessionId`. Answers the server-derived stable device id (a keyed hash).
         */
        post: operations["submitDevicePayload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Registered model versions */
        get: operations["listModelVersions"];
        put?: never;
        /** Register a fitted model (model.json from `riskloop model fit --out`) as a new draft version */
        post: operations["registerModel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register an XGBoost / LightGBM JSON or ONNX model as a new draft version, with metrics and report from labelled held-out data */
        post: operations["importModel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{name}/versions/{version}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a draft (not by its author) */
        post: operations["approveModelVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{name}/versions/{version}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retire a version */
        post: operations["retireModelVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{name}/versions/{version}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A model version's report: held-out metrics and curves, live PSI, scorecard bins or tree importance */
        get: operations["getModelReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{name}/compare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Two versions of a model side by side: both reports and the headline differences (b − a) */
        get: operations["compareModelVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{name}/versions/{version}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export a model version: a scorecard as PMML 4.4 (Scorecard with reason codes), a tree model as ONNX (TreeEnsembleClassifier) or PMML 4.4 (MiningModel of TreeModels) */
        get: operations["getModelsNameVersionsVersionExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{name}/versions/{version}/performance/alert": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check realised AUC against development now and raise the alert into the alert store
         * @description The check the lease-holding node runs every six hours, on demand: when the realised AUC is more than `aucMargin` below development, an alert (trigger `model.realised-auc`, severity high) is recorded into the tenant alerts (GET /v1/alerts, GET /v1/stream) once per model version and month. A negative margin is a drill: it alerts while realised AUC is within that much above development.
         */
        post: operations["postModelsNameVersionsVersionPerformanceAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{name}/versions/{version}/performance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A model version's realised performance by origination month (AUC, KS, bad rate, calibration) and the AUC alert */
        get: operations["getModelsNameVersionsVersionPerformance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{name}/versions/{version}/fairness": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A model version's approval and bad rates by age band, sex and province, with adverse impact ratios */
        get: operations["getModelsNameVersionsVersionFairness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows/{flowId}/versions/{version}/performance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A flow version's realised performance by origination month (AUC and KS of the decision score, bad rate) */
        get: operations["getFlowsFlowIdVersionsVersionPerformance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consortium/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Share consortium events as a member institution (all or nothing per batch) */
        post: operations["shareConsortiumEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consortium/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The member's own contributions and consortium-wide aggregates (no rows) */
        get: operations["getConsortiumMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Imported applications, newest first (identifiers as keyed hashes) */
        get: operations["listApplications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/applications/{applicationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One imported application */
        get: operations["getApplication"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current console session */
        get: operations["getSession"];
        put?: never;
        /**
         * Sign in to the console (sets the session cookie)
         * @description With `{apiKey}` the session acts as that key; with `{tenantId, email, password}` as that user in that tenant. The cookie is HttpOnly and SameSite=Strict; send `csrfToken` as `X-CSRF-Token` on every write.
         */
        post: operations["signIn"];
        /** Sign out (ends the session, clears the cookie) */
        delete: operations["signOut"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Switch the session to another tenant the user belongs to */
        post: operations["switchTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the signed-in user’s own settings (the console language)
         * @description Kept with the user account, for every tenant and browser. A session opened with an API key has no account and answers 409.
         */
        patch: operations["patchMe"];
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This tenant's console users */
        get: operations["listUsers"];
        put?: never;
        /** Create a console user in this tenant */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a user from this tenant (their sessions here end at once) */
        delete: operations["removeUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The review queue, riskiest first (or newest first), with the reasons that sent each case there
         * @description `order=risk` (default): priority (4 critical alert, 3 review with list, graph or device evidence, 2 other review, 1 low alert) highest first, then the deciding score lowest first (unscored last), then the oldest first. `order=newest`: by opening time, newest first. Reason messages follow Accept-Language.
         */
        get: operations["listCases"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{caseId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One case with its history and comments */
        get: operations["getCase"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{caseId}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign the case (`"me"` assigns it to the caller) */
        post: operations["assignCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{caseId}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Comment on the case */
        post: operations["commentOnCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{caseId}/decide": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decide the case (the human outcome is recorded beside the machine's, which is never changed) */
        post: operations["decideCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{caseId}/escalate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Escalate the case (an admin decides it) */
        post: operations["escalateCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Decisions, rates, latency, alerts, cases, bad rate and drift over the last hours */
        get: operations["getOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/overview/trends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Mean score, approval rate and fraud held back per day or week, by application submission time */
        get: operations["getOverviewTrends"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graph/rings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The largest fraud rings of the book, with their members and the kinds of entities they share
         * @description Most applications first, then the highest structural score. Member ids are the lender’s application ids; shared entities are counted by kind, never shown.
         */
        get: operations["listLargestRings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/graph/applications/{applicationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An application's neighbourhood in the association graph, with its rings
         * @description Applications within `depth` hops (application → shared entity → application), at most `limit` nodes. Entities are labelled `<kind> ••••<last 4 of the keyed hash>`; hubs are shown but not expanded.
         */
        get: operations["getApplicationGraph"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/collections/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open cases for loans past due today, refresh known ones, close cured ones */
        post: operations["refreshCollections"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/collections/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open cases, highest priority first, with the reasons for each priority */
        get: operations["getCollectionsQueue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/collections/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign the queue to agents by DPD range and capacity (keeping each case with its agent if possible) */
        post: operations["assignCollections"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/collections/cases/{caseId}/outcomes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a contact outcome on a case (promise, payment, no answer, wrong number, refusal, dispute) */
        post: operations["recordContactOutcome"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report post-loan events (repayment, consortium, contact outcome, behaviour)
         * @description Each event carries its own `eventId`: a repeated id changes nothing. The batch is stored before the answer (202); triggers evaluate it asynchronously and raise alerts (GET /v1/alerts, webhooks).
         */
        post: operations["reportLoanEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alerts raised by post-loan triggers, newest first */
        get: operations["listAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portfolio/{chart}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Portfolio analytics of the loan book as an SVG chart (or JSON with Accept: application/json) */
        get: operations["getPortfolioChart"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live console events (server-sent events): post-loan alerts, review-queue changes, a 30 s tick
         * @description Send `Accept: text/event-stream` (an EventSource does). Events: `alert` (data: an Alert, id: its raisedAt and alertId), `cases` (the review queue changed), `tick`. Reconnect with `Last-Event-ID` to receive the alerts raised since.
         */
        get: operations["streamConsoleEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/limit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A borrower's credit limit in force, what is still available, and the actions that set it */
        get: operations["getCreditLimit"];
        /** Set a borrower's limit and drawn amount (a frozen or reduced borrower stays held) */
        put: operations["setCreditLimit"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/limit/unfreeze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift a freeze or reduction: the limit before monitoring acted is back in force */
        post: operations["unfreezeCreditLimit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This tenant's alert receivers (never their secrets) */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /** Add a receiver of this tenant's alerts; the answer holds its signing secret, shown only here */
        post: operations["addWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{endpointId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a receiver (alerts stop going there within seconds on every node) */
        delete: operations["removeWebhookEndpoint"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/monitoring/triggers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's live post-loan triggers (the stock set, version null, until one is published) */
        get: operations["getLiveTriggers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/monitoring/fields": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The facts a trigger condition can read (type-checked), with their windows */
        get: operations["listTriggerFields"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/monitoring/triggers/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every saved version, newest first */
        get: operations["listTriggerVersions"];
        put?: never;
        /** Save a trigger set as a new draft version (refused with every problem when invalid) */
        post: operations["saveTriggerDraft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/monitoring/triggers/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One version */
        get: operations["getTriggerVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/monitoring/triggers/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check a trigger set: every problem with its path, and line/column inside a condition */
        post: operations["validateTriggers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/monitoring/triggers/versions/{version}/backtest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay the tenant's stored post-loan events through this version and the live set
         * @description Events of the last `days` (default 90, counted back from the newest event) in event-time order; alerts, borrowers and limit actions per trigger on both sides, borrowers only one side alerts, and how many alerted borrowers went bad afterwards. Answers 202 with a background job (GET /v1/jobs/:id).
         */
        post: operations["backtestTriggerVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/monitoring/triggers/versions/{version}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make this version the live trigger set (an admin other than its author); the one it replaces retires */
        post: operations["publishTriggerVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/portrait": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One customer: masked identity, products, loans, repayment, exposure, devices, graph, scores, alerts, tags */
        get: operations["getCustomerPortrait"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/marketing/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tag set versions, newest first (version 0 = the built-in default) */
        get: operations["listTagSets"];
        put?: never;
        /** Save a new tag set version (conditions in the rules language over portrait facts) */
        post: operations["saveTagSet"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/marketing/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Segment the book: RFM, or k-means (k-means++, standardised features, elbow/silhouette) */
        post: operations["segmentBook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/marketing/lookalike": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rank prospects by likeness to a seed of customers (positive-unlabelled logistic regression)
         * @description The request is checked at once (400 naming the field: an unknown feature, a seed condition that does not compile); the fit runs as a background job (GET /v1/jobs/:id) whose result is the ranked list.
         */
        post: operations["rankLookalikes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/marketing/churn": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Churn model from the loan book and the retention list (most likely to leave first, with reasons) */
        get: operations["getChurnModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pre-screen a prospect list (JSON, or text/csv with terms in the query) through fraud lists and the credit flow; no enquiry is recorded
         * @description The list is checked at once (400 with the path of a bad row); the pre-screen answers 202 with a background job (GET /v1/jobs/:id) whose result is the campaign: id, summary and, up to 1,000 prospects, the entries.
         */
        post: operations["prescreenCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{campaignId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A campaign: offers, exclusions by reason, take-up and the later bad rate of loans taken up */
        get: operations["getCampaign"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{campaignId}/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A campaign's prospects in list order: offer (limit, price) or every exclusion reason */
        get: operations["listCampaignEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns/{campaignId}/take-up": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record which offers were taken up (and the application each became, for the later bad rate) */
        post: operations["recordCampaignTakeUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * Problem
         * @description RFC 9457 problem details. `type` is a stable URI per kind of problem; `errors` lists each invalid field (a JSON pointer) with what was expected.
         */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            instance?: string;
            errors?: {
                path: string;
                message: string;
            }[];
            /**
             * FairnessGateCheck
             * @description a publish the fairness gate refused: the groups under the threshold
             */
            fairness?: {
                mode: "off" | "warn" | "block";
                threshold: number;
                /** @description stored decisions the version was run over (the newest, at most 5,000) */
                rows: number;
                flagged: {
                    dimension: "age" | "sex" | "province";
                    group: string;
                    reference: string;
                    approvalRate: number;
                    adverseImpactRatio: number;
                }[];
                /** @description why the version could not be run over the stored decisions (a flow calling an ONNX model); warn publishes with it on record, block refuses */
                unjudged?: string;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a background job: status, progress, and its result (typed by kind) or error */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jobId: string;
                        /** @enum {string} */
                        kind: "flows.backtest";
                        status: "queued" | "running" | "done" | "failed";
                        progress: number;
                        createdBy: string;
                        /** @description more than 1: a node stopped while running it and another took over */
                        attempts: number;
                        /**
                         * FlowBacktestResult
                         * @description once done
                         */
                        result?: {
                            rows: number;
                            labelled: number;
                            seconds: number;
                            draft: {
                                flowId: string;
                                version: number | null;
                                outcomes: {
                                    approve: number;
                                    review: number;
                                    decline: number;
                                };
                                approvalRate: number;
                                badRateApproved: number | null;
                                approvedLabelled: number;
                                rules: {
                                    ruleId: string;
                                    stageId: string;
                                    action: string;
                                    hits: number;
                                    hitRate: number;
                                    /** @description among labelled rows where the rule fired */
                                    badRate: number | null;
                                    /** @description fired when nothing earlier in the flow had fired */
                                    uniqueHits: number;
                                }[];
                                /** @description rows where rules i and j both fired */
                                overlaps: number[][];
                            };
                            baseline: {
                                flowId: string;
                                version: number | null;
                                outcomes: {
                                    approve: number;
                                    review: number;
                                    decline: number;
                                };
                                approvalRate: number;
                                badRateApproved: number | null;
                                approvedLabelled: number;
                                rules: {
                                    ruleId: string;
                                    stageId: string;
                                    action: string;
                                    hits: number;
                                    hitRate: number;
                                    /** @description among labelled rows where the rule fired */
                                    badRate: number | null;
                                    /** @description fired when nothing earlier in the flow had fired */
                                    uniqueHits: number;
                                }[];
                                /** @description rows where rules i and j both fired */
                                overlaps: number[][];
                            };
                            /** @description approved by the draft, not by the baseline */
                            swapIn: {
                                count: number;
                                labelled: number;
                                bad: number;
                                badRate: number | null;
                                sampleIds: string[];
                            };
                            /** @description approved by the baseline, not by the draft */
                            swapOut: {
                                count: number;
                                labelled: number;
                                bad: number;
                                badRate: number | null;
                                sampleIds: string[];
                            };
                            /** @description agreement[baseline outcome][draft outcome], approve / review / decline */
                            agreement: number[][];
                            draftVersion: string;
                            baselineVersion: string;
                            /** @description null when the source carried no protected groups (a CSV without age, sex, province or id) */
                            fairness: {
                                /** FairnessReport */
                                draft: {
                                    /** @description ISO 8601 time the outcomes were read as of */
                                    asOf: string;
                                    threshold: number;
                                    dimensions: {
                                        dimension: "age" | "sex" | "province";
                                        /** @description the most favoured group with 30+ rows (never unknown) */
                                        reference: string | null;
                                        groups: {
                                            dimension: "age" | "sex" | "province";
                                            group: string;
                                            decisions: number;
                                            approved: number;
                                            loans: number;
                                            judged: number;
                                            bads: number;
                                            approvalRate: number | null;
                                            badRate: number | null;
                                            adverseImpactRatio: number | null;
                                            flagged: boolean;
                                        }[];
                                    }[];
                                    /** @description groups under the threshold, as dimension:group */
                                    flagged: string[];
                                };
                                /** FairnessReport */
                                baseline: {
                                    /** @description ISO 8601 time the outcomes were read as of */
                                    asOf: string;
                                    threshold: number;
                                    dimensions: {
                                        dimension: "age" | "sex" | "province";
                                        /** @description the most favoured group with 30+ rows (never unknown) */
                                        reference: string | null;
                                        groups: {
                                            dimension: "age" | "sex" | "province";
                                            group: string;
                                            decisions: number;
                                            approved: number;
                                            loans: number;
                                            judged: number;
                                            bads: number;
                                            approvalRate: number | null;
                                            badRate: number | null;
                                            adverseImpactRatio: number | null;
                                            flagged: boolean;
                                        }[];
                                    }[];
                                    /** @description groups under the threshold, as dimension:group */
                                    flagged: string[];
                                };
                            } | null;
                        };
                        /** @description once failed */
                        error?: string;
                        createdAt: string;
                        updatedAt: string;
                        finishedAt?: string;
                    } | {
                        jobId: string;
                        /** @enum {string} */
                        kind: "triggers.backtest";
                        status: "queued" | "running" | "done" | "failed";
                        progress: number;
                        createdBy: string;
                        /** @description more than 1: a node stopped while running it and another took over */
                        attempts: number;
                        /**
                         * TriggerBacktestResult
                         * @description once done
                         */
                        result?: {
                            from: string | null;
                            to: string | null;
                            events: number;
                            borrowers: number;
                            seconds: number;
                            candidate: {
                                label: string;
                                alerts: number;
                                borrowers: number;
                                freezes: number;
                                reductions: number;
                                triggers: {
                                    triggerId: string;
                                    name: string;
                                    severity: "low" | "medium" | "high" | "critical";
                                    alerts: number;
                                    borrowers: number;
                                    badAfterAlert?: number;
                                }[];
                                badAfterAlert?: number;
                                precision?: number | null;
                                recall?: number | null;
                            };
                            baseline: {
                                label: string;
                                alerts: number;
                                borrowers: number;
                                freezes: number;
                                reductions: number;
                                triggers: {
                                    triggerId: string;
                                    name: string;
                                    severity: "low" | "medium" | "high" | "critical";
                                    alerts: number;
                                    borrowers: number;
                                    badAfterAlert?: number;
                                }[];
                                badAfterAlert?: number;
                                precision?: number | null;
                                recall?: number | null;
                            };
                            onlyCandidate: number;
                            onlyBaseline: number;
                            badBorrowers?: number;
                        };
                        /** @description once failed */
                        error?: string;
                        createdAt: string;
                        updatedAt: string;
                        finishedAt?: string;
                    } | {
                        jobId: string;
                        /** @enum {string} */
                        kind: "retrain";
                        status: "queued" | "running" | "done" | "failed";
                        progress: number;
                        createdBy: string;
                        /** @description more than 1: a node stopped while running it and another took over */
                        attempts: number;
                        /**
                         * RetrainResult
                         * @description once done
                         */
                        result?: {
                            model: string;
                            asOf: string;
                            /** @description a draft until another person approves it */
                            challenger: {
                                name: string;
                                version: number;
                                status: string;
                            };
                            trainedOn: {
                                rows: number;
                                bads: number;
                            };
                            /** ChampionComparison */
                            comparison: {
                                outOfTimeFrom: string;
                                rows: number;
                                bads: number;
                                challenger: {
                                    auc: number;
                                    ks: number;
                                    gini: number;
                                    psi: number;
                                };
                                champion: {
                                    version: number;
                                    auc: number;
                                    ks: number;
                                    gini: number;
                                    psi: number;
                                } | null;
                                delta: {
                                    auc: number;
                                    ks: number;
                                    psi: number;
                                } | null;
                            };
                        };
                        /** @description once failed */
                        error?: string;
                        createdAt: string;
                        updatedAt: string;
                        finishedAt?: string;
                    } | {
                        jobId: string;
                        /** @enum {string} */
                        kind: "segments";
                        status: "queued" | "running" | "done" | "failed";
                        progress: number;
                        createdBy: string;
                        /** @description more than 1: a node stopped while running it and another took over */
                        attempts: number;
                        /**
                         * KMeansSegmentation
                         * @description once done
                         */
                        result?: {
                            /** @enum {string} */
                            method: "kmeans";
                            customers: number;
                            features: string[];
                            k: number;
                            silhouette: number;
                            elbow: {
                                points: {
                                    k: number;
                                    inertia: number;
                                    silhouette: number;
                                }[];
                                /** @description the k with the best silhouette */
                                bestK: number;
                            };
                            profiles: {
                                segment: string;
                                size: number;
                                share: number;
                                badRate: number;
                                utilisation: number;
                                revenue: number;
                                revenuePerCustomer: number;
                                /** @description feature means in original units (k-means) */
                                centre?: {
                                    [key: string]: number;
                                };
                            }[];
                            /** @description SVG charts (asked with charts: true): customers per segment, bad rate and utilisation */
                            charts?: {
                                size: string;
                                risk: string;
                            };
                        };
                        /** @description once failed */
                        error?: string;
                        createdAt: string;
                        updatedAt: string;
                        finishedAt?: string;
                    } | {
                        jobId: string;
                        /** @enum {string} */
                        kind: "lookalike";
                        status: "queued" | "running" | "done" | "failed";
                        progress: number;
                        createdBy: string;
                        /** @description more than 1: a node stopped while running it and another took over */
                        attempts: number;
                        /**
                         * LookalikeResult
                         * @description once done
                         */
                        result?: {
                            /** @enum {string} */
                            method: "pu-logistic";
                            seedSize: number;
                            prospects: number;
                            /** @description seed members held out of the fit: how many of them the top decile finds */
                            holdout: {
                                size: number;
                                topDecileRecall: number;
                                topDecileLift: number;
                            };
                            model: {
                                features: string[];
                                coefficients: {
                                    [key: string]: number;
                                };
                            };
                            /** @description the top prospects, best first */
                            ranked: {
                                ref: string;
                                score: number;
                                probability: number;
                                decile: number;
                                reasons: {
                                    feature: string;
                                    contribution: number;
                                }[];
                            }[];
                        };
                        /** @description once failed */
                        error?: string;
                        createdAt: string;
                        updatedAt: string;
                        finishedAt?: string;
                    } | {
                        jobId: string;
                        /** @enum {string} */
                        kind: "campaigns.prescreen";
                        status: "queued" | "running" | "done" | "failed";
                        progress: number;
                        createdBy: string;
                        /** @description more than 1: a node stopped while running it and another took over */
                        attempts: number;
                        /**
                         * CampaignPrescreenResult
                         * @description once done
                         */
                        result?: {
                            campaignId: string;
                            name: string;
                            terms: {
                                product: string;
                                amount: number;
                                term: number;
                                minLimit?: number;
                            };
                            /** CampaignSummary */
                            summary: {
                                prospects: number;
                                offers: number;
                                excluded: number;
                                /** @description by first (principal) reason code */
                                exclusionsByReason: {
                                    [key: string]: number;
                                };
                                averageLimit: number | null;
                                averagePrice: number | null;
                            };
                            /** @description up to 1,000 prospects; larger lists: GET /v1/campaigns/:id/entries */
                            entries?: {
                                entryNo: number;
                                ref: string;
                                offered: boolean;
                                limit: number | null;
                                price: number | null;
                                outcome: "offer" | "excluded";
                                /** @description exclusions: every reason, ranked; offers: what shaped it */
                                reasons: {
                                    code: string;
                                    message: string;
                                }[];
                            }[];
                        };
                        /** @description once failed */
                        error?: string;
                        createdAt: string;
                        updatedAt: string;
                        finishedAt?: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    searchDecisions: {
        parameters: {
            query?: {
                outcome?: "approve" | "review" | "decline";
                applicationId?: string;
                before?: string;
                cursor?: string;
                from?: string;
                to?: string;
                reasonCode?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            decisionId: string;
                            applicationId: string;
                            outcome: "approve" | "review" | "decline";
                            score: number | null;
                            /** @description recommended credit limit */
                            limit: number | null;
                            /** @description annual percentage rate, e.g. 0.18 */
                            price: number | null;
                            reasons: {
                                code: string;
                                message: string;
                                values: {
                                    [key: string]: number | string | boolean | null;
                                };
                                rank: number;
                                /** @description one of the (at most four) principal adverse-action reasons */
                                principal: boolean;
                                source: "policy" | "rule" | "list" | "model" | "strategy" | "graph" | "device";
                            }[];
                            flowVersion: string;
                            modelVersions: {
                                [key: string]: string;
                            };
                            timings: {
                                totalMs: number;
                                stages: {
                                    [key: string]: number;
                                };
                            };
                            /** Format: date-time */
                            decidedAt: string;
                            reasonCodes: string[];
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    decideApplication: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description A credit application as sent by the loan-origination system */
        requestBody: {
            content: {
                "application/json": {
                    applicationId: string;
                    institutionId?: string;
                    product: string;
                    /** @description requested principal */
                    amount: number;
                    /** @description months */
                    term: number;
                    purpose?: string;
                    channel: "app" | "web" | "branch" | "affiliate" | "api" | "partner";
                    /** Format: date-time */
                    submittedAt: string;
                    /** @description monthly income declared by the applicant */
                    declaredIncome: number;
                    /** @description monthly debt service declared by the applicant */
                    declaredObligations?: number;
                    applicant: {
                        /** @description national identity number; stored only as keyed hash + sealed */
                        nationalId: string;
                        name: string;
                        /** Format: date */
                        dateOfBirth: string;
                        /** @description as declared; checked against the national id */
                        sex?: "M" | "F";
                        phone: string;
                        /** Format: email */
                        email?: string;
                        /** @description card / account number */
                        bankCard?: string;
                        address?: {
                            province?: string;
                            city?: string;
                            /** @description street address; sealed at rest, matched by keyed hash */
                            line?: string;
                            postcode?: string;
                        };
                        employment?: {
                            status: "employed" | "self-employed" | "student" | "retired" | "unemployed" | "other";
                            employer?: string;
                            employerPhone?: string;
                            monthsInJob?: number;
                        };
                        emergencyContacts?: {
                            name?: string;
                            /** @description matched by keyed hash */
                            phone: string;
                            relation?: "parent" | "spouse" | "sibling" | "child" | "friend" | "colleague" | "other";
                        }[];
                    };
                    device?: {
                        /** @description client or SDK device id; matched by keyed hash */
                        deviceId?: string;
                        platform?: "ios" | "android" | "web" | "other";
                        osVersion?: string;
                        model?: string;
                        userAgent?: string;
                        timezone?: string;
                        language?: string;
                        emulator?: boolean;
                        rooted?: boolean;
                        proxy?: boolean;
                        vpn?: boolean;
                        /** @description hooking framework (Frida, Xposed) detected */
                        hooked?: boolean;
                        debugger?: boolean;
                        mockLocation?: boolean;
                        tampered?: boolean;
                        /** @description collector fingerprint hash */
                        fingerprint?: string;
                        /** @description session whose collector / SDK payload was posted to /v1/device/payloads */
                        sessionId?: string;
                    };
                    ip?: string;
                    geo?: {
                        lat: number;
                        lon: number;
                        accuracyM?: number;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        decisionId: string;
                        applicationId: string;
                        outcome: "approve" | "review" | "decline";
                        score: number | null;
                        /** @description recommended credit limit */
                        limit: number | null;
                        /** @description annual percentage rate, e.g. 0.18 */
                        price: number | null;
                        reasons: {
                            code: string;
                            message: string;
                            values: {
                                [key: string]: number | string | boolean | null;
                            };
                            rank: number;
                            /** @description one of the (at most four) principal adverse-action reasons */
                            principal: boolean;
                            source: "policy" | "rule" | "list" | "model" | "strategy" | "graph" | "device";
                        }[];
                        flowVersion: string;
                        modelVersions: {
                            [key: string]: string;
                        };
                        timings: {
                            totalMs: number;
                            stages: {
                                [key: string]: number;
                            };
                        };
                        /** Format: date-time */
                        decidedAt: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDecision: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                decisionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        decisionId: string;
                        applicationId: string;
                        outcome: "approve" | "review" | "decline";
                        score: number | null;
                        /** @description recommended credit limit */
                        limit: number | null;
                        /** @description annual percentage rate, e.g. 0.18 */
                        price: number | null;
                        reasons: {
                            code: string;
                            message: string;
                            values: {
                                [key: string]: number | string | boolean | null;
                            };
                            rank: number;
                            /** @description one of the (at most four) principal adverse-action reasons */
                            principal: boolean;
                            source: "policy" | "rule" | "list" | "model" | "strategy" | "graph" | "device";
                        }[];
                        flowVersion: string;
                        modelVersions: {
                            [key: string]: string;
                        };
                        timings: {
                            totalMs: number;
                            stages: {
                                [key: string]: number;
                            };
                        };
                        /** Format: date-time */
                        decidedAt: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDecisionInputs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                decisionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        decisionId: string;
                        applicationId: string;
                        application: {
                            [key: string]: unknown;
                        };
                        facts: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    issueDecisionNotice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                decisionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    lang: "en" | "zh-CN";
                    /** @description how it was sent: letter, sms, email, app… */
                    channel?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** AdverseActionNotice */
                        notice: {
                            decisionId: string;
                            applicationId: string;
                            outcome: "decline" | "review";
                            language: "en" | "zh-CN";
                            /** @description the tenant's name */
                            lender: string;
                            /** @description ISO 4217: the tenant lends in it, amounts are written in it */
                            currency: string;
                            /** Format: date-time */
                            decidedAt: string;
                            title: string;
                            /** @description the decision date as written in the notice */
                            date: string;
                            /** @description the application line: amount applied for and term */
                            application: string;
                            statement: string;
                            reasons: {
                                factor: "VERIFY" | "APPLICATIONS_ELSEWHERE" | "APPLICATIONS_HERE" | "LOANS_ELSEWHERE" | "DEBT_ELSEWHERE" | "DELINQUENCY" | "DEBT_BURDEN" | "INCOME" | "EMPLOYMENT" | "TIME_IN_JOB" | "AMOUNT" | "TERM" | "AGE" | "PRODUCT" | "CREDIT_ASSESSMENT" | "POLICY";
                                /** @description what the applicant reads */
                                text: string;
                                /** @description the stored reason codes behind it, for the lender's staff; never printed on the notice */
                                codes: string[];
                                /** @description false: a code with no consumer wording, read as the generic POLICY */
                                worded: boolean;
                            }[];
                            rights: string;
                            /** @description the whole notice as plain text */
                            text: string;
                        };
                        audit: {
                            seq: number;
                            at: string;
                            hash: string;
                        };
                        /** @description SHA-256 (hex) of notice.text as UTF-8 */
                        textSha256: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDecisionNotice: {
        parameters: {
            query?: {
                /** @description en or zh-CN */
                lang?: "en" | "zh-CN";
                /** @description json (default) or text */
                format?: "json" | "text";
            };
            header?: never;
            path: {
                decisionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The notice */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        decisionId: string;
                        applicationId: string;
                        outcome: "decline" | "review";
                        language: "en" | "zh-CN";
                        /** @description the tenant's name */
                        lender: string;
                        /** @description ISO 4217: the tenant lends in it, amounts are written in it */
                        currency: string;
                        /** Format: date-time */
                        decidedAt: string;
                        title: string;
                        /** @description the decision date as written in the notice */
                        date: string;
                        /** @description the application line: amount applied for and term */
                        application: string;
                        statement: string;
                        reasons: {
                            factor: "VERIFY" | "APPLICATIONS_ELSEWHERE" | "APPLICATIONS_HERE" | "LOANS_ELSEWHERE" | "DEBT_ELSEWHERE" | "DELINQUENCY" | "DEBT_BURDEN" | "INCOME" | "EMPLOYMENT" | "TIME_IN_JOB" | "AMOUNT" | "TERM" | "AGE" | "PRODUCT" | "CREDIT_ASSESSMENT" | "POLICY";
                            /** @description what the applicant reads */
                            text: string;
                            /** @description the stored reason codes behind it, for the lender's staff; never printed on the notice */
                            codes: string[];
                            /** @description false: a code with no consumer wording, read as the generic POLICY */
                            worded: boolean;
                        }[];
                        rights: string;
                        /** @description the whole notice as plain text */
                        text: string;
                    };
                    "text/plain": string;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            keyId: string;
                            role: "admin" | "analyst" | "decision" | "viewer";
                            name: string;
                            keyPrefix: string;
                            /** @description the console user the key acts for (four eyes tells people apart by it); null: no person */
                            ownerUserId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            revokedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    role: "admin" | "analyst" | "decision" | "viewer";
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keyId: string;
                        role: "admin" | "analyst" | "decision" | "viewer";
                        name: string;
                        keyPrefix: string;
                        /** @description the console user the key acts for (four eyes tells people apart by it); null: no person */
                        ownerUserId: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        revokedAt: string | null;
                    } & {
                        secret: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAuditEntries: {
        parameters: {
            query?: {
                /** @description e.g. list:black */
                subject?: string;
                /** @description exact, or a prefix ending in "." */
                action?: string;
                limit?: number;
                cursor?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            seq: number;
                            /** Format: date-time */
                            at: string;
                            actor: string;
                            action: string;
                            subject: string;
                            detail: {
                                [key: string]: unknown;
                            };
                            prevHash: string;
                            hash: string;
                        }[];
                        nextCursor: number | null;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verifyAuditChain: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ok: boolean;
                        entries: number;
                        headSeq: number;
                        /** @description record it outside riskloop to detect a wholesale rewrite later */
                        headHash: string;
                        broken?: {
                            seq: number;
                            reason: string;
                        };
                    };
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportApplicantData: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description exactly one of nationalId, phone, email, applicationId */
        requestBody: {
            content: {
                "application/json": {
                    nationalId?: string;
                    phone?: string;
                    email?: string;
                    applicationId?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    eraseApplicant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description exactly one of nationalId, phone, email, applicationId */
        requestBody: {
            content: {
                "application/json": {
                    nationalId?: string;
                    phone?: string;
                    email?: string;
                    applicationId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        erasureId: string;
                        /** Format: date-time */
                        erasedAt: string;
                        retainedDecisions: boolean;
                        counts: {
                            [key: string]: number;
                        };
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    findErasure: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    nationalId: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            erasureId: string;
                            erasedAt: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    sweepRetention: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLists: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: ({
                            name: string;
                            kind: "nationalId" | "phone" | "deviceId" | "ip" | "card" | "email" | "employer";
                            color: "black" | "white" | "grey";
                            description?: string;
                        } & {
                            entries: number;
                        })[];
                    };
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createList: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    kind: "nationalId" | "phone" | "deviceId" | "ip" | "card" | "email" | "employer";
                    color: "black" | "white" | "grey";
                    description?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        kind: "nationalId" | "phone" | "deviceId" | "ip" | "card" | "email" | "employer";
                        color: "black" | "white" | "grey";
                        description?: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listListEntries: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            list: string;
                            hash: string;
                            reason: string;
                            source: string;
                            addedAt: string;
                            expiresAt: string | null;
                            addedBy?: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    addListEntries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    entries: {
                        /** @description clear identifier; hashed at once */
                        value?: string;
                        /** @description an already keyed hash */
                        hash?: string;
                        reason: string;
                        source?: string;
                        expiresAt?: string | null;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        hashes: string[];
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    removeListEntry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    value?: string;
                    hash?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        removed: boolean;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    importListEntries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    csv: string;
                    source?: string;
                    defaultReason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        imported: number;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listFlows: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            flowId: string;
                            latest: number;
                            champion: number | null;
                        }[];
                    };
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    saveFlowDraft: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the flow document as JSON */
                    document?: unknown;
                    /** @description the flow as YAML or JSON */
                    text?: string;
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        flowId: string;
                        version: number;
                        status: string;
                        role: string | null;
                        document: unknown;
                        author: string;
                        createdAt: string;
                        comment: string;
                        publishedBy: string | null;
                        publishedAt: string | null;
                        /** @description a live challenger's share of live traffic */
                        trafficShare?: number;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    validateFlow: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the flow document as JSON */
                    document?: unknown;
                    /** @description the flow as YAML or JSON */
                    text?: string;
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        valid: boolean;
                        flowId?: string;
                        problems: {
                            path: string;
                            stage?: string;
                            rule?: string;
                            line?: number;
                            column?: number;
                            message: string;
                            suggestion?: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFlowVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                flowId: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        flowId: string;
                        version: number;
                        status: string;
                        role: string | null;
                        document: unknown;
                        author: string;
                        createdAt: string;
                        comment: string;
                        publishedBy: string | null;
                        publishedAt: string | null;
                        /** @description a live challenger's share of live traffic */
                        trafficShare?: number;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replaceFlowDraft: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                flowId: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the flow document as JSON */
                    document?: unknown;
                    /** @description the flow as YAML or JSON */
                    text?: string;
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        flowId: string;
                        version: number;
                        status: string;
                        role: string | null;
                        document: unknown;
                        author: string;
                        createdAt: string;
                        comment: string;
                        publishedBy: string | null;
                        publishedAt: string | null;
                        /** @description a live challenger's share of live traffic */
                        trafficShare?: number;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listFlowVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                flowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            flowId: string;
                            version: number;
                            status: string;
                            role: string | null;
                            document: unknown;
                            author: string;
                            createdAt: string;
                            comment: string;
                            publishedBy: string | null;
                            publishedAt: string | null;
                            /** @description a live challenger's share of live traffic */
                            trafficShare?: number;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    diffFlowVersions: {
        parameters: {
            query: {
                from: number;
                to: number;
            };
            header?: never;
            path: {
                flowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        diff: unknown;
                        text: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    publishFlowVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                flowId: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    role?: "champion" | "challenger";
                    /** @description share of applicants (by a stable hash of the applicant) this challenger decides live; 0 = shadow only */
                    traffic?: number;
                    /** @description why: kept in the audit trail */
                    comment: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        changed: {
                            flowId: string;
                            version: number;
                            status: string;
                            role: string | null;
                            document: unknown;
                            author: string;
                            createdAt: string;
                            comment: string;
                            publishedBy: string | null;
                            publishedAt: string | null;
                            /** @description a live challenger's share of live traffic */
                            trafficShare?: number;
                        }[];
                        /**
                         * FairnessGateCheck
                         * @description what the fairness gate found (absent when it is off or the version answers no one)
                         */
                        fairness?: {
                            mode: "off" | "warn" | "block";
                            threshold: number;
                            /** @description stored decisions the version was run over (the newest, at most 5,000) */
                            rows: number;
                            flagged: {
                                dimension: "age" | "sex" | "province";
                                group: string;
                                reference: string;
                                approvalRate: number;
                                adverseImpactRatio: number;
                            }[];
                            /** @description why the version could not be run over the stored decisions (a flow calling an ONNX model); warn publishes with it on record, block refuses */
                            unjudged?: string;
                        };
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setChallengerTraffic: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                flowId: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description share of applicants (by a stable hash of the applicant) this challenger decides live; 0 = shadow only */
                    share: number;
                    /** @description why: kept in the audit trail */
                    comment: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        flowId: string;
                        version: number;
                        status: string;
                        role: string | null;
                        document: unknown;
                        author: string;
                        createdAt: string;
                        comment: string;
                        publishedBy: string | null;
                        publishedAt: string | null;
                        /** @description a live challenger's share of live traffic */
                        trafficShare?: number;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFlowArmOutcomes: {
        parameters: {
            query?: {
                since?: string;
            };
            header?: never;
            path: {
                flowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            flowVersion: string;
                            arm: "champion" | "challenger";
                            decisions: number;
                            approved: number;
                            review: number;
                            declined: number;
                            approvalRate: number | null;
                            loans: number;
                            matureLoans: number;
                            bad: number;
                            badRate: number | null;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    backtestFlowVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                flowId: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    source: "decisions" | "applications";
                    limit?: number;
                } | {
                    /** @enum {string} */
                    source: "csv";
                    csv: string;
                    labelColumn?: string;
                    idColumn?: string;
                    timeColumn?: string;
                };
            };
        };
        responses: {
            /** @description a background job, started */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jobId: string;
                        kind: string;
                        status: string;
                        progress: number;
                        /** @description GET it for the progress and, once done, the result */
                        href: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getShadowReport: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            challenger: string;
                            comparison: unknown;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPolicyChanges: {
        parameters: {
            query?: {
                subject?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            at: string;
                            actor: string;
                            action: string;
                            subject: string;
                            detail: unknown;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replayDecision: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                decisionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        decisionId: string;
                        flowVersion: string;
                        matches: boolean;
                        stored: {
                            flowId: string;
                            version: number | null;
                            outcome: string;
                            score: number | null;
                            limit: number | null;
                            price: number | null;
                            band: string | null;
                            fastLane: boolean;
                            stagesRun: string[];
                            firedRules: string[];
                            reasons: string[];
                        };
                        replayed: {
                            flowId: string;
                            version: number | null;
                            outcome: string;
                            score: number | null;
                            limit: number | null;
                            price: number | null;
                            band: string | null;
                            fastLane: boolean;
                            stagesRun: string[];
                            firedRules: string[];
                            reasons: string[];
                        };
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSettingsFairness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        mode: "off" | "warn" | "block";
                        /** @description adverse impact ratio under which a group is flagged, in (0, 1] */
                        threshold: number;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putSettingsFairness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description off, warn or block */
                    mode?: unknown;
                    /** @description a number in (0, 1] */
                    threshold?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        mode: "off" | "warn" | "block";
                        /** @description adverse impact ratio under which a group is flagged, in (0, 1] */
                        threshold: number;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listProgramProposals: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            proposalId: string;
                            program: string;
                            version: number;
                            asOf: string;
                            status: string;
                            author: string;
                            models: {
                                name: string;
                                version: number;
                                kind: string;
                                metrics: {
                                    [key: string]: number;
                                };
                                outOfTimeFrom: string;
                            }[];
                            cutoffs: {
                                [key: string]: number;
                            };
                            lists: string[];
                            triggers: {
                                version: number;
                            } | null;
                            flow: {
                                flowId: string;
                                version: number;
                            } | null;
                            appliedBy: string | null;
                        }[];
                    };
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    proposeProgram: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description train on what was known before (default now)
                     */
                    asOf?: string;
                    /** @description a program as texts; without it, the starter program */
                    files?: {
                        manifest: string;
                        flow: string;
                        triggers?: string;
                        lists?: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        proposalId: string;
                        program: string;
                        version: number;
                        asOf: string;
                        status: string;
                        author: string;
                        models: {
                            name: string;
                            version: number;
                            kind: string;
                            metrics: {
                                [key: string]: number;
                            };
                            outOfTimeFrom: string;
                        }[];
                        cutoffs: {
                            [key: string]: number;
                        };
                        lists: string[];
                        triggers: {
                            version: number;
                        } | null;
                        flow: {
                            flowId: string;
                            version: number;
                        } | null;
                        appliedBy: string | null;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    approveProgramProposal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                proposalId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        proposalId: string;
                        program: string;
                        version: number;
                        asOf: string;
                        status: string;
                        author: string;
                        models: {
                            name: string;
                            version: number;
                            kind: string;
                            metrics: {
                                [key: string]: number;
                            };
                            outOfTimeFrom: string;
                        }[];
                        cutoffs: {
                            [key: string]: number;
                        };
                        lists: string[];
                        triggers: {
                            version: number;
                        } | null;
                        flow: {
                            flowId: string;
                            version: number;
                        } | null;
                        appliedBy: string | null;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    retrainModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description train on what was known before (default now)
                     */
                    asOf?: string;
                    /** @description a program as texts; without it, the starter program */
                    files?: {
                        manifest: string;
                        flow: string;
                        triggers?: string;
                        lists?: string;
                    };
                    /** @description a scorecard's reject inference for this fit (none, fuzzy, parcelling), instead of the program's */
                    rejectInference?: {
                        method: "none" | "fuzzy" | "parcelling";
                        rejectWeight?: number;
                        bands?: number;
                        uplift?: number;
                        seed?: number;
                    };
                };
            };
        };
        responses: {
            /** @description a background job, started */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jobId: string;
                        kind: string;
                        status: string;
                        progress: number;
                        /** @description GET it for the progress and, once done, the result */
                        href: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDemoReport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        outOfTimeFrom: string;
                        decisions: number;
                        withScore: number;
                        withModelVersions: number;
                        approvalRate: number;
                        reviewRate: number;
                        declineRate: number;
                        fraud: {
                            total: number;
                            heldBack: number;
                            rate: number;
                        };
                        fraudByType: {
                            [key: string]: {
                                total: number;
                                heldBack: number;
                                rate: number;
                            };
                        };
                        good: {
                            total: number;
                            heldBack: number;
                            rate: number;
                        };
                        approvedBadRate: number;
                        bookBadRate: number;
                        badRateRatio: number;
                        targets: {
                            name: string;
                            target: string;
                            value: number;
                            met: boolean;
                        }[];
                        scorecardThroughTheDoor?: {
                            model: string;
                            method: string;
                            rejects: number;
                            applications: number;
                            declined: number;
                            auc: number | null;
                            aucWithout: number | null;
                            declinedAuc: number | null;
                            declinedAucWithout: number | null;
                        } | null;
                    };
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDeviceCollector: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    submitDevicePayload: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    sessionId: string;
                    payload: unknown;
                    ip?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listModelVersions: {
        parameters: {
            query?: {
                name?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                            version: number;
                            kind: "scorecard" | "gbdt" | "onnx";
                            status: "draft" | "approved" | "retired";
                            features: string[];
                            /** @description held-out metrics (auc, ks, …) */
                            metrics: {
                                [key: string]: number;
                            };
                            /** @description SHA-256 of the training data */
                            dataFingerprint: string;
                            /** @description the API key that registered it */
                            author: string;
                            authorHuman: string | null;
                            comment: string;
                            /** Format: date-time */
                            createdAt: string;
                            approvedBy: string | null;
                            approvedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    registerModel: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    model: unknown;
                    metrics: {
                        [key: string]: number;
                    };
                    /** @description SHA-256 of the training data */
                    dataFingerprint: string;
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        version: number;
                        kind: "scorecard" | "gbdt" | "onnx";
                        status: "draft" | "approved" | "retired";
                        features: string[];
                        /** @description held-out metrics (auc, ks, …) */
                        metrics: {
                            [key: string]: number;
                        };
                        /** @description SHA-256 of the training data */
                        dataFingerprint: string;
                        /** @description the API key that registered it */
                        author: string;
                        authorHuman: string | null;
                        comment: string;
                        /** Format: date-time */
                        createdAt: string;
                        approvedBy: string | null;
                        approvedAt: string | null;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    importModel: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    format?: "xgboost" | "lightgbm" | "onnx";
                    /** @description The model file as the library wrote it, base64 */
                    modelBase64: string;
                    /** @description Fact names of the input columns in order (ONNX: required; trees: stored names) */
                    features?: string[];
                    /** @description ONNX output holding P(bad) */
                    output?: string;
                    positiveIndex?: number;
                    holdout: {
                        /** @description Held-out rows: the input facts and the target */
                        csv: string;
                        target: string;
                        bad?: string;
                    };
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        version: number;
                        kind: "scorecard" | "gbdt" | "onnx";
                        status: "draft" | "approved" | "retired";
                        features: string[];
                        /** @description held-out metrics (auc, ks, …) */
                        metrics: {
                            [key: string]: number;
                        };
                        /** @description SHA-256 of the training data */
                        dataFingerprint: string;
                        /** @description the API key that registered it */
                        author: string;
                        authorHuman: string | null;
                        comment: string;
                        /** Format: date-time */
                        createdAt: string;
                        approvedBy: string | null;
                        approvedAt: string | null;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    approveModelVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        version: number;
                        kind: "scorecard" | "gbdt" | "onnx";
                        status: "draft" | "approved" | "retired";
                        features: string[];
                        /** @description held-out metrics (auc, ks, …) */
                        metrics: {
                            [key: string]: number;
                        };
                        /** @description SHA-256 of the training data */
                        dataFingerprint: string;
                        /** @description the API key that registered it */
                        author: string;
                        authorHuman: string | null;
                        comment: string;
                        /** Format: date-time */
                        createdAt: string;
                        approvedBy: string | null;
                        approvedAt: string | null;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    retireModelVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        version: number;
                        kind: "scorecard" | "gbdt" | "onnx";
                        status: "draft" | "approved" | "retired";
                        features: string[];
                        /** @description held-out metrics (auc, ks, …) */
                        metrics: {
                            [key: string]: number;
                        };
                        /** @description SHA-256 of the training data */
                        dataFingerprint: string;
                        /** @description the API key that registered it */
                        author: string;
                        authorHuman: string | null;
                        comment: string;
                        /** Format: date-time */
                        createdAt: string;
                        approvedBy: string | null;
                        approvedAt: string | null;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getModelReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        version: number;
                        kind: string;
                        status: string;
                        author: string;
                        approvedBy: string | null;
                        createdAt: string;
                        dataFingerprint: string;
                        features: string[];
                        metrics: {
                            [key: string]: number;
                        };
                        auc: number | null;
                        ks: number | null;
                        gini: number | null;
                        ksScore: number | null;
                        heldOut: {
                            rows: number;
                            bads: number;
                        } | null;
                        psi: number | null;
                        psiDetail: {
                            status: "ok" | "watch" | "act" | "unknown";
                            liveCount: number;
                            detail: string;
                            rows: {
                                bin: string;
                                expected: number;
                                actual: number;
                                contribution: number;
                            }[];
                        };
                        roc: number[][];
                        lift: {
                            group: number;
                            count: number;
                            bads: number;
                            badRate: number;
                            minScore: number;
                            maxScore: number;
                            cumulativeBadShare: number;
                            lift: number;
                            cumulativeLift: number;
                        }[];
                        calibration: {
                            group: number;
                            count: number;
                            meanPredicted: number;
                            observedRate: number;
                        }[];
                        scoreDistribution: {
                            scale: string;
                            edges: number[];
                            counts: number[];
                        } | null;
                        importance: {
                            feature: string;
                            gain: number;
                            share: number;
                        }[];
                        bins: {
                            feature: string;
                            iv: number;
                            bins: {
                                label: string;
                                count: number;
                                badRate: number;
                                woe: number;
                                points?: number;
                            }[];
                        }[];
                        comparison: {
                            outOfTimeFrom: string;
                            rows: number;
                            bads: number;
                            challenger: {
                                auc: number;
                                ks: number;
                                gini: number;
                                psi: number;
                            };
                            champion: {
                                version: number;
                                auc: number;
                                ks: number;
                                gini: number;
                                psi: number;
                            } | null;
                            delta: {
                                auc: number;
                                ks: number;
                                psi: number;
                            } | null;
                        } | null;
                        rejectInference: {
                            method: "none" | "fuzzy" | "parcelling";
                            settings: {
                                rejectWeight?: number;
                                bands?: number;
                                uplift?: number;
                                seed?: number;
                            };
                            /** @description funded loans with a label in the training months */
                            accepted: number;
                            acceptedBads: number;
                            /** @description declined applications of the training months brought into the fit */
                            rejects: number;
                            inferredRejectBadRate: number | null;
                            rejectMeanPd: number | null;
                            rejectMeanPdWithout: number | null;
                            heldOut: {
                                rows: number;
                                bads: number;
                            };
                            /** @description held-out funded loans, the model fitted with reject inference (null without bads and goods) */
                            acceptedAuc: number | null;
                            /** @description the same loans, the model fitted on the accepted alone */
                            acceptedAucWithout: number | null;
                            bands?: {
                                from: number | null;
                                to: number | null;
                                accepted: number;
                                acceptedBads: number;
                                acceptedBadRate: number;
                                rejects: number;
                                rejectBads: number;
                                rejectBadRate: number;
                            }[];
                            throughTheDoor: {
                                source: string;
                                applications: number;
                                declined: number;
                                bads: number;
                                auc: number | null;
                                aucWithout: number | null;
                                declinedAuc: number | null;
                                declinedAucWithout: number | null;
                            } | null;
                            note?: string;
                        } | null;
                        missing: string[];
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    compareModelVersions: {
        parameters: {
            query: {
                a: number;
                b: number;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        /** ModelReport */
                        a: {
                            name: string;
                            version: number;
                            kind: string;
                            status: string;
                            author: string;
                            approvedBy: string | null;
                            createdAt: string;
                            dataFingerprint: string;
                            features: string[];
                            metrics: {
                                [key: string]: number;
                            };
                            auc: number | null;
                            ks: number | null;
                            gini: number | null;
                            ksScore: number | null;
                            heldOut: {
                                rows: number;
                                bads: number;
                            } | null;
                            psi: number | null;
                            psiDetail: {
                                status: "ok" | "watch" | "act" | "unknown";
                                liveCount: number;
                                detail: string;
                                rows: {
                                    bin: string;
                                    expected: number;
                                    actual: number;
                                    contribution: number;
                                }[];
                            };
                            roc: number[][];
                            lift: {
                                group: number;
                                count: number;
                                bads: number;
                                badRate: number;
                                minScore: number;
                                maxScore: number;
                                cumulativeBadShare: number;
                                lift: number;
                                cumulativeLift: number;
                            }[];
                            calibration: {
                                group: number;
                                count: number;
                                meanPredicted: number;
                                observedRate: number;
                            }[];
                            scoreDistribution: {
                                scale: string;
                                edges: number[];
                                counts: number[];
                            } | null;
                            importance: {
                                feature: string;
                                gain: number;
                                share: number;
                            }[];
                            bins: {
                                feature: string;
                                iv: number;
                                bins: {
                                    label: string;
                                    count: number;
                                    badRate: number;
                                    woe: number;
                                    points?: number;
                                }[];
                            }[];
                            comparison: {
                                outOfTimeFrom: string;
                                rows: number;
                                bads: number;
                                challenger: {
                                    auc: number;
                                    ks: number;
                                    gini: number;
                                    psi: number;
                                };
                                champion: {
                                    version: number;
                                    auc: number;
                                    ks: number;
                                    gini: number;
                                    psi: number;
                                } | null;
                                delta: {
                                    auc: number;
                                    ks: number;
                                    psi: number;
                                } | null;
                            } | null;
                            rejectInference: {
                                method: "none" | "fuzzy" | "parcelling";
                                settings: {
                                    rejectWeight?: number;
                                    bands?: number;
                                    uplift?: number;
                                    seed?: number;
                                };
                                /** @description funded loans with a label in the training months */
                                accepted: number;
                                acceptedBads: number;
                                /** @description declined applications of the training months brought into the fit */
                                rejects: number;
                                inferredRejectBadRate: number | null;
                                rejectMeanPd: number | null;
                                rejectMeanPdWithout: number | null;
                                heldOut: {
                                    rows: number;
                                    bads: number;
                                };
                                /** @description held-out funded loans, the model fitted with reject inference (null without bads and goods) */
                                acceptedAuc: number | null;
                                /** @description the same loans, the model fitted on the accepted alone */
                                acceptedAucWithout: number | null;
                                bands?: {
                                    from: number | null;
                                    to: number | null;
                                    accepted: number;
                                    acceptedBads: number;
                                    acceptedBadRate: number;
                                    rejects: number;
                                    rejectBads: number;
                                    rejectBadRate: number;
                                }[];
                                throughTheDoor: {
                                    source: string;
                                    applications: number;
                                    declined: number;
                                    bads: number;
                                    auc: number | null;
                                    aucWithout: number | null;
                                    declinedAuc: number | null;
                                    declinedAucWithout: number | null;
                                } | null;
                                note?: string;
                            } | null;
                            missing: string[];
                        };
                        /** ModelReport */
                        b: {
                            name: string;
                            version: number;
                            kind: string;
                            status: string;
                            author: string;
                            approvedBy: string | null;
                            createdAt: string;
                            dataFingerprint: string;
                            features: string[];
                            metrics: {
                                [key: string]: number;
                            };
                            auc: number | null;
                            ks: number | null;
                            gini: number | null;
                            ksScore: number | null;
                            heldOut: {
                                rows: number;
                                bads: number;
                            } | null;
                            psi: number | null;
                            psiDetail: {
                                status: "ok" | "watch" | "act" | "unknown";
                                liveCount: number;
                                detail: string;
                                rows: {
                                    bin: string;
                                    expected: number;
                                    actual: number;
                                    contribution: number;
                                }[];
                            };
                            roc: number[][];
                            lift: {
                                group: number;
                                count: number;
                                bads: number;
                                badRate: number;
                                minScore: number;
                                maxScore: number;
                                cumulativeBadShare: number;
                                lift: number;
                                cumulativeLift: number;
                            }[];
                            calibration: {
                                group: number;
                                count: number;
                                meanPredicted: number;
                                observedRate: number;
                            }[];
                            scoreDistribution: {
                                scale: string;
                                edges: number[];
                                counts: number[];
                            } | null;
                            importance: {
                                feature: string;
                                gain: number;
                                share: number;
                            }[];
                            bins: {
                                feature: string;
                                iv: number;
                                bins: {
                                    label: string;
                                    count: number;
                                    badRate: number;
                                    woe: number;
                                    points?: number;
                                }[];
                            }[];
                            comparison: {
                                outOfTimeFrom: string;
                                rows: number;
                                bads: number;
                                challenger: {
                                    auc: number;
                                    ks: number;
                                    gini: number;
                                    psi: number;
                                };
                                champion: {
                                    version: number;
                                    auc: number;
                                    ks: number;
                                    gini: number;
                                    psi: number;
                                } | null;
                                delta: {
                                    auc: number;
                                    ks: number;
                                    psi: number;
                                } | null;
                            } | null;
                            rejectInference: {
                                method: "none" | "fuzzy" | "parcelling";
                                settings: {
                                    rejectWeight?: number;
                                    bands?: number;
                                    uplift?: number;
                                    seed?: number;
                                };
                                /** @description funded loans with a label in the training months */
                                accepted: number;
                                acceptedBads: number;
                                /** @description declined applications of the training months brought into the fit */
                                rejects: number;
                                inferredRejectBadRate: number | null;
                                rejectMeanPd: number | null;
                                rejectMeanPdWithout: number | null;
                                heldOut: {
                                    rows: number;
                                    bads: number;
                                };
                                /** @description held-out funded loans, the model fitted with reject inference (null without bads and goods) */
                                acceptedAuc: number | null;
                                /** @description the same loans, the model fitted on the accepted alone */
                                acceptedAucWithout: number | null;
                                bands?: {
                                    from: number | null;
                                    to: number | null;
                                    accepted: number;
                                    acceptedBads: number;
                                    acceptedBadRate: number;
                                    rejects: number;
                                    rejectBads: number;
                                    rejectBadRate: number;
                                }[];
                                throughTheDoor: {
                                    source: string;
                                    applications: number;
                                    declined: number;
                                    bads: number;
                                    auc: number | null;
                                    aucWithout: number | null;
                                    declinedAuc: number | null;
                                    declinedAucWithout: number | null;
                                } | null;
                                note?: string;
                            } | null;
                            missing: string[];
                        };
                        delta: {
                            auc: number | null;
                            ks: number | null;
                            gini: number | null;
                            psi: number | null;
                        };
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getModelsNameVersionsVersionExport: {
        parameters: {
            query?: {
                /** @description pmml or onnx; default: the model kind's own format */
                format?: "pmml" | "onnx";
            };
            header?: never;
            path: {
                name: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model file (Content-Disposition names it <name>-<version>.<format>) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                    "application/onnx": string;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postModelsNameVersionsVersionPerformanceAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    asOf?: string;
                    aucMargin?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        version: number;
                        status: "ok" | "alert" | "unknown";
                        realisedAuc: number | null;
                        developmentAuc: number | null;
                        aucDrop: number | null;
                        aucMargin: number;
                        judged: number;
                        /** @description the alert's id (one per version and month) */
                        alertId: string | null;
                        /** @description recorded by this call (false: already raised this month, or no alert) */
                        raised: boolean;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getModelsNameVersionsVersionPerformance: {
        parameters: {
            query?: {
                asOf?: string;
                judgeAfterDays?: number;
                aucMargin?: number;
            };
            header?: never;
            path: {
                name: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        version: number;
                        /** Format: date-time */
                        asOf: string;
                        judgeAfterDays: number;
                        developmentAuc: number | null;
                        aucMargin: number;
                        overall: {
                            /** @description loans funded on decisions made with this version */
                            loans: number;
                            /** @description of them, old enough to judge and carrying the model score */
                            judged: number;
                            /** @description judged loans ever 30+ days past due or charged off */
                            bads: number;
                            badRate: number | null;
                            auc: number | null;
                            ks: number | null;
                            /** @description mean predicted PD (calibration) */
                            meanPredicted: number | null;
                        };
                        months: {
                            month: string;
                            /** @description loans funded on decisions made with this version */
                            loans: number;
                            /** @description of them, old enough to judge and carrying the model score */
                            judged: number;
                            /** @description judged loans ever 30+ days past due or charged off */
                            bads: number;
                            badRate: number | null;
                            auc: number | null;
                            ks: number | null;
                            /** @description mean predicted PD (calibration) */
                            meanPredicted: number | null;
                        }[];
                        alert: {
                            status: "ok" | "alert" | "unknown";
                            aucDrop: number | null;
                            detail: string;
                        };
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getModelsNameVersionsVersionFairness: {
        parameters: {
            query?: {
                asOf?: string;
                threshold?: number;
            };
            header?: never;
            path: {
                name: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        version: number;
                        /** Format: date-time */
                        asOf: string;
                        threshold: number;
                        dimensions: {
                            dimension: "age" | "sex" | "province";
                            reference: string | null;
                            groups: {
                                dimension: "age" | "sex" | "province";
                                group: string;
                                decisions: number;
                                approved: number;
                                loans: number;
                                judged: number;
                                bads: number;
                                approvalRate: number | null;
                                badRate: number | null;
                                adverseImpactRatio: number | null;
                                flagged: boolean;
                            }[];
                        }[];
                        flagged: string[];
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFlowsFlowIdVersionsVersionPerformance: {
        parameters: {
            query?: {
                asOf?: string;
                judgeAfterDays?: number;
            };
            header?: never;
            path: {
                flowId: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        flowId: string;
                        version: number;
                        /** Format: date-time */
                        asOf: string;
                        judgeAfterDays: number;
                        developmentAuc: number | null;
                        aucMargin: number;
                        overall: {
                            /** @description loans funded on decisions made with this version */
                            loans: number;
                            /** @description of them, old enough to judge and carrying the model score */
                            judged: number;
                            /** @description judged loans ever 30+ days past due or charged off */
                            bads: number;
                            badRate: number | null;
                            auc: number | null;
                            ks: number | null;
                            /** @description mean predicted PD (calibration) */
                            meanPredicted: number | null;
                        };
                        months: {
                            month: string;
                            /** @description loans funded on decisions made with this version */
                            loans: number;
                            /** @description of them, old enough to judge and carrying the model score */
                            judged: number;
                            /** @description judged loans ever 30+ days past due or charged off */
                            bads: number;
                            badRate: number | null;
                            auc: number | null;
                            ks: number | null;
                            /** @description mean predicted PD (calibration) */
                            meanPredicted: number | null;
                        }[];
                        alert: {
                            status: "ok" | "alert" | "unknown";
                            aucDrop: number | null;
                            detail: string;
                        };
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    shareConsortiumEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    events: {
                        [key: string]: unknown;
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getConsortiumMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listApplications: {
        parameters: {
            query?: {
                before?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                applicationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenantId: string;
                        role: "admin" | "analyst" | "decision" | "viewer";
                        user: {
                            userId: string;
                            email: string;
                            name: string;
                            /** @description the console language the user chose (PATCH /v1/me); null until they choose one */
                            language: "zh-CN" | "en" | null;
                        } | null;
                        csrfToken: string;
                        tenants: string[];
                        /** @description The tenant’s currency (ISO 4217), CNY unless set */
                        currency: string;
                    };
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    apiKey: string;
                } | {
                    tenantId: string;
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenantId: string;
                        role: "admin" | "analyst" | "decision" | "viewer";
                        user: {
                            userId: string;
                            email: string;
                            name: string;
                            /** @description the console language the user chose (PATCH /v1/me); null until they choose one */
                            language: "zh-CN" | "en" | null;
                        } | null;
                        csrfToken: string;
                        tenants: string[];
                        /** @description The tenant’s currency (ISO 4217), CNY unless set */
                        currency: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    switchTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    tenantId: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenantId: string;
                        role: "admin" | "analyst" | "decision" | "viewer";
                        user: {
                            userId: string;
                            email: string;
                            name: string;
                            /** @description the console language the user chose (PATCH /v1/me); null until they choose one */
                            language: "zh-CN" | "en" | null;
                        } | null;
                        csrfToken: string;
                        tenants: string[];
                        /** @description The tenant’s currency (ISO 4217), CNY unless set */
                        currency: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    language: "zh-CN" | "en";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenantId: string;
                        role: "admin" | "analyst" | "decision" | "viewer";
                        user: {
                            userId: string;
                            email: string;
                            name: string;
                            /** @description the console language the user chose (PATCH /v1/me); null until they choose one */
                            language: "zh-CN" | "en" | null;
                        } | null;
                        csrfToken: string;
                        tenants: string[];
                        /** @description The tenant’s currency (ISO 4217), CNY unless set */
                        currency: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            userId: string;
                            email: string;
                            name: string;
                            role: "admin" | "analyst" | "decision" | "viewer";
                            tenantId: string;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    name: string;
                    password: string;
                    role: "admin" | "analyst" | "decision" | "viewer";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        userId: string;
                        email: string;
                        name: string;
                        role: "admin" | "analyst" | "decision" | "viewer";
                        tenantId: string;
                        /** Format: date-time */
                        createdAt: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    removeUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCases: {
        parameters: {
            query?: {
                status?: "open" | "assigned" | "escalated" | "closed";
                kind?: "review" | "fraud_alert";
                assignee?: string;
                order?: "risk" | "newest";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            caseId: string;
                            kind: "review" | "fraud_alert";
                            status: "open" | "assigned" | "escalated" | "closed";
                            decisionId?: string;
                            applicationId?: string;
                            alertId?: string;
                            assignee?: string;
                            priority: number;
                            /** @description the score of the decision that opened a review case (lower is riskier) */
                            riskScore?: number;
                            reasonCodes: string[];
                            openedAt: string;
                            updatedAt: string;
                            /** @description why the case is in the queue: the principal reasons of the decision that opened it (offer terms left out), or the alert’s trigger and reasons */
                            reasons: {
                                code: string;
                                /** @description in the language of Accept-Language (zh-CN or English); codes never change */
                                message: string;
                                values: {
                                    [key: string]: number | string | boolean | null;
                                };
                                source: string;
                            }[];
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        caseId: string;
                        kind: "review" | "fraud_alert";
                        status: "open" | "assigned" | "escalated" | "closed";
                        decisionId?: string;
                        applicationId?: string;
                        alertId?: string;
                        assignee?: string;
                        priority: number;
                        /** @description the score of the decision that opened a review case (lower is riskier) */
                        riskScore?: number;
                        reasonCodes: string[];
                        openedAt: string;
                        updatedAt: string;
                        history: {
                            at: string;
                            actor: string;
                            action: string;
                            detail: {
                                [key: string]: unknown;
                            };
                        }[];
                        comments: {
                            at: string;
                            actor: string;
                            text: string;
                        }[];
                        resolution?: {
                            outcome: string;
                            reason: string;
                            decidedBy: string;
                            decidedAt: string;
                        };
                        listed?: {
                            lists: {
                                [key: string]: number;
                            };
                            expiresAt: string;
                        };
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    assignCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    assignee: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        caseId: string;
                        kind: "review" | "fraud_alert";
                        status: "open" | "assigned" | "escalated" | "closed";
                        decisionId?: string;
                        applicationId?: string;
                        alertId?: string;
                        assignee?: string;
                        priority: number;
                        /** @description the score of the decision that opened a review case (lower is riskier) */
                        riskScore?: number;
                        reasonCodes: string[];
                        openedAt: string;
                        updatedAt: string;
                        history: {
                            at: string;
                            actor: string;
                            action: string;
                            detail: {
                                [key: string]: unknown;
                            };
                        }[];
                        comments: {
                            at: string;
                            actor: string;
                            text: string;
                        }[];
                        resolution?: {
                            outcome: string;
                            reason: string;
                            decidedBy: string;
                            decidedAt: string;
                        };
                        listed?: {
                            lists: {
                                [key: string]: number;
                            };
                            expiresAt: string;
                        };
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    commentOnCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    text: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        caseId: string;
                        kind: "review" | "fraud_alert";
                        status: "open" | "assigned" | "escalated" | "closed";
                        decisionId?: string;
                        applicationId?: string;
                        alertId?: string;
                        assignee?: string;
                        priority: number;
                        /** @description the score of the decision that opened a review case (lower is riskier) */
                        riskScore?: number;
                        reasonCodes: string[];
                        openedAt: string;
                        updatedAt: string;
                        history: {
                            at: string;
                            actor: string;
                            action: string;
                            detail: {
                                [key: string]: unknown;
                            };
                        }[];
                        comments: {
                            at: string;
                            actor: string;
                            text: string;
                        }[];
                        resolution?: {
                            outcome: string;
                            reason: string;
                            decidedBy: string;
                            decidedAt: string;
                        };
                        listed?: {
                            lists: {
                                [key: string]: number;
                            };
                            expiresAt: string;
                        };
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    decideCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    outcome: "approve" | "decline";
                    reason: string;
                    /** @description Confirmed fraud (with outcome decline): the application's national id, phone, e-mail, card and device go on the fraud_* black lists (source case:<id>), audited with the decision */
                    fraud?: boolean;
                    /** @description How long the entries block (default 365) */
                    listDays?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        caseId: string;
                        kind: "review" | "fraud_alert";
                        status: "open" | "assigned" | "escalated" | "closed";
                        decisionId?: string;
                        applicationId?: string;
                        alertId?: string;
                        assignee?: string;
                        priority: number;
                        /** @description the score of the decision that opened a review case (lower is riskier) */
                        riskScore?: number;
                        reasonCodes: string[];
                        openedAt: string;
                        updatedAt: string;
                        history: {
                            at: string;
                            actor: string;
                            action: string;
                            detail: {
                                [key: string]: unknown;
                            };
                        }[];
                        comments: {
                            at: string;
                            actor: string;
                            text: string;
                        }[];
                        resolution?: {
                            outcome: string;
                            reason: string;
                            decidedBy: string;
                            decidedAt: string;
                        };
                        listed?: {
                            lists: {
                                [key: string]: number;
                            };
                            expiresAt: string;
                        };
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    escalateCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        caseId: string;
                        kind: "review" | "fraud_alert";
                        status: "open" | "assigned" | "escalated" | "closed";
                        decisionId?: string;
                        applicationId?: string;
                        alertId?: string;
                        assignee?: string;
                        priority: number;
                        /** @description the score of the decision that opened a review case (lower is riskier) */
                        riskScore?: number;
                        reasonCodes: string[];
                        openedAt: string;
                        updatedAt: string;
                        history: {
                            at: string;
                            actor: string;
                            action: string;
                            detail: {
                                [key: string]: unknown;
                            };
                        }[];
                        comments: {
                            at: string;
                            actor: string;
                            text: string;
                        }[];
                        resolution?: {
                            outcome: string;
                            reason: string;
                            decidedBy: string;
                            decidedAt: string;
                        };
                        listed?: {
                            lists: {
                                [key: string]: number;
                            };
                            expiresAt: string;
                        };
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOverview: {
        parameters: {
            query?: {
                hours?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        from: string;
                        to: string;
                        decisions: number;
                        decisionsPerHour: {
                            hour: string;
                            approve: number;
                            review: number;
                            decline: number;
                        }[];
                        approvalRate: number;
                        reviewRate: number;
                        declineRate: number;
                        badRate: number | null;
                        badRateDetail: string;
                        latency: {
                            p50Ms: number | null;
                            p95Ms: number | null;
                            p99Ms: number | null;
                        };
                        alertsOpen: number;
                        casesOpen: number;
                        drift: {
                            status: "ok" | "watch" | "act" | "unknown";
                            maxPsi: number | null;
                            detail: string;
                        };
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOverviewTrends: {
        parameters: {
            query?: {
                /** @description default: 30 days (26 weeks) before to */
                from?: string;
                /** @description default: now */
                to?: string;
                bucket?: "day" | "week";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        from: string;
                        to: string;
                        bucket: "day" | "week";
                        points: {
                            /** @description the bucket’s first instant (UTC midnight; Monday for weeks) */
                            start: string;
                            decisions: number;
                            meanScore: number | null;
                            approvalRate: number | null;
                            /** @description declined or sent to review with a fraud reason (list, graph or device evidence, or a code of the ID_, CONTACT_, EMAIL_, PHONE_, DEVICE_, GRAPH_, FRAUD_ or LIST_ families), over all decisions */
                            fraudHeldBackRate: number | null;
                            fraudHeldBack: number;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLargestRings: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            ringId: string;
                            /** @description Applications in the ring */
                            applications: number;
                            /** @description Distinct people (identities) behind them */
                            identities: number;
                            /** @description Members known bad (defaulted, charged off, confirmed fraud) */
                            knownBad: number;
                            /** @description Structural suspicion in [0, 1] */
                            score: number;
                            /** @description Entity kind → entities of that kind shared by two or more identities of the ring */
                            sharedEntities: {
                                [key: string]: number;
                            };
                            /** @description The first 50 member application ids */
                            members: string[];
                            summary: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApplicationGraph: {
        parameters: {
            query?: {
                depth?: number;
                limit?: number;
            };
            header?: never;
            path: {
                applicationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        center: string;
                        nodes: {
                            id: string;
                            kind: "application" | "phone" | "device" | "ip" | "nationalId" | "email" | "bankCard" | "address" | "employerPhone" | "contact";
                            label: string;
                            ringId?: string;
                            outcome?: string;
                            knownBad?: boolean;
                            hub?: boolean;
                        }[];
                        edges: {
                            source: string;
                            target: string;
                            kind: "application" | "phone" | "device" | "ip" | "nationalId" | "email" | "bankCard" | "address" | "employerPhone" | "contact";
                        }[];
                        rings: {
                            ringId: string;
                            size: number;
                            applications: string[];
                            score: number;
                            reasons: string[];
                            /** @description people behind the ring’s applications */
                            identities: number;
                            knownBad: number;
                            /** @description entities the ring shares, by kind, most first (what `reasons` says in English) */
                            shared: {
                                kind: "application" | "phone" | "device" | "ip" | "nationalId" | "email" | "bankCard" | "address" | "employerPhone" | "contact";
                                count: number;
                            }[];
                        }[];
                        truncated: boolean;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    refreshCollections: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCollectionsQueue: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            case: {
                                caseId: string;
                                tenantId: string;
                                borrowerId: string;
                                loanId: string;
                                dpd: number;
                                overdueAmount: number;
                                outstanding: number;
                                status: "open" | "promised" | "paid" | "closed";
                                brokenPromises: number;
                                /** @description contact attempts without reaching the borrower, in a row */
                                failedContacts: number;
                                overdueElsewhere: boolean;
                                /** @description latest behaviour score (higher = safer) */
                                bscore?: number;
                                promise?: {
                                    amount: number;
                                    dueDay: number;
                                };
                                assignedTo?: string;
                                /** @description epoch day of the last outcome */
                                lastActionDay?: number;
                            };
                            priority: {
                                caseId: string;
                                score: number;
                                reasons: {
                                    rule: string;
                                    points: number;
                                }[];
                            };
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    assignCollections: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    agents: {
                        agentId: string;
                        capacity: number;
                        minDpd: number;
                        maxDpd: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordContactOutcome: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    kind: "promise_to_pay";
                    amount: number;
                    /** Format: date */
                    dueDate: string;
                } | {
                    /** @enum {string} */
                    kind: "paid";
                    amount: number;
                } | {
                    /** @enum {string} */
                    kind: "no_answer";
                } | {
                    /** @enum {string} */
                    kind: "wrong_number";
                } | {
                    /** @enum {string} */
                    kind: "refused";
                } | {
                    /** @enum {string} */
                    kind: "dispute";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reportLoanEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    events: unknown[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: number;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAlerts: {
        parameters: {
            query?: {
                borrowerId?: string;
                severity?: "low" | "medium" | "high" | "critical";
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description the same for a replayed event, so sinks can de-duplicate */
                            alertId: string;
                            tenantId: string;
                            /** @description keyed hash of the borrower */
                            borrowerId: string;
                            triggerId: string;
                            triggerName: string;
                            severity: "low" | "medium" | "high" | "critical";
                            reasons: string[];
                            /** @description the facts the condition read */
                            values: {
                                [key: string]: unknown;
                            };
                            loans: {
                                loanId: string;
                                outstanding: number;
                                dpd: number;
                                bucket: string;
                                limit?: number;
                            }[];
                            actions: ("freeze" | "reduce")[];
                            /** @description the borrower's behaviour score after this event (the tenant's approved bcard) */
                            bscore?: number;
                            eventId: string;
                            occurredAt: string;
                            raisedAt: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPortfolioChart: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                dpd?: number;
                /** @description the chart's words and numbers in this language (default: by Accept-Language) */
                lang?: "en" | "zh-CN";
            };
            header?: never;
            path: {
                chart: "vintage.svg" | "rollrate.svg" | "flow.svg" | "dpd.svg";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    streamConsoleEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream (never ends by itself) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Problem */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCreditLimit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setCreditLimit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    limit: number;
                    drawn: number;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        borrowerId: string;
                        status: "active" | "reduced" | "frozen";
                        limit: number;
                        baseLimit: number;
                        drawn: number;
                        available: number;
                        updatedAt: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    unfreezeCreditLimit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        borrowerId: string;
                        status: "active" | "reduced" | "frozen";
                        limit: number;
                        baseLimit: number;
                        drawn: number;
                        available: number;
                        updatedAt: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            endpointId: string;
                            url: string;
                            createdBy: string;
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    addWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        endpointId: string;
                        url: string;
                        createdBy: string;
                        createdAt: string;
                    } & {
                        secret: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    removeWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLiveTriggers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number | null;
                        stock: boolean;
                        /** TriggerSet */
                        document: {
                            description?: string;
                            triggers: {
                                id: string;
                                name: string;
                                severity: "low" | "medium" | "high" | "critical";
                                /** @description condition in the riskloop expression language */
                                when: string;
                                /** @description alert reason; `{dotted.name}` shows a fact, e.g. `{consortium.loans_7d} loans in 7 days` */
                                reason: string;
                                on?: ("repayment" | "consortium" | "contact" | "behaviour")[];
                                cooldownHours?: number;
                                actions?: ("freeze" | "reduce")[];
                            }[];
                        };
                        publishedBy: string | null;
                        publishedAt: string | null;
                    };
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTriggerFields: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTriggerVersions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            version: number;
                            status: string;
                            /** TriggerSet */
                            document: {
                                description?: string;
                                triggers: {
                                    id: string;
                                    name: string;
                                    severity: "low" | "medium" | "high" | "critical";
                                    /** @description condition in the riskloop expression language */
                                    when: string;
                                    /** @description alert reason; `{dotted.name}` shows a fact, e.g. `{consortium.loans_7d} loans in 7 days` */
                                    reason: string;
                                    on?: ("repayment" | "consortium" | "contact" | "behaviour")[];
                                    cooldownHours?: number;
                                    actions?: ("freeze" | "reduce")[];
                                }[];
                            };
                            author: string;
                            authorHuman: string | null;
                            comment: string;
                            createdAt: string;
                            publishedBy: string | null;
                            publishedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    saveTriggerDraft: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the trigger set as JSON (see TriggerSet) */
                    document?: unknown;
                    /** @description the trigger set as YAML or JSON */
                    text?: string;
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        status: string;
                        /** TriggerSet */
                        document: {
                            description?: string;
                            triggers: {
                                id: string;
                                name: string;
                                severity: "low" | "medium" | "high" | "critical";
                                /** @description condition in the riskloop expression language */
                                when: string;
                                /** @description alert reason; `{dotted.name}` shows a fact, e.g. `{consortium.loans_7d} loans in 7 days` */
                                reason: string;
                                on?: ("repayment" | "consortium" | "contact" | "behaviour")[];
                                cooldownHours?: number;
                                actions?: ("freeze" | "reduce")[];
                            }[];
                        };
                        author: string;
                        authorHuman: string | null;
                        comment: string;
                        createdAt: string;
                        publishedBy: string | null;
                        publishedAt: string | null;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTriggerVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        status: string;
                        /** TriggerSet */
                        document: {
                            description?: string;
                            triggers: {
                                id: string;
                                name: string;
                                severity: "low" | "medium" | "high" | "critical";
                                /** @description condition in the riskloop expression language */
                                when: string;
                                /** @description alert reason; `{dotted.name}` shows a fact, e.g. `{consortium.loans_7d} loans in 7 days` */
                                reason: string;
                                on?: ("repayment" | "consortium" | "contact" | "behaviour")[];
                                cooldownHours?: number;
                                actions?: ("freeze" | "reduce")[];
                            }[];
                        };
                        author: string;
                        authorHuman: string | null;
                        comment: string;
                        createdAt: string;
                        publishedBy: string | null;
                        publishedAt: string | null;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    validateTriggers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the trigger set as JSON (see TriggerSet) */
                    document?: unknown;
                    /** @description the trigger set as YAML or JSON */
                    text?: string;
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        valid: boolean;
                        triggers: number;
                        problems: {
                            path: string;
                            trigger?: string;
                            line?: number;
                            column?: number;
                            message: string;
                            suggestion?: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    backtestTriggerVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    days?: number;
                };
            };
        };
        responses: {
            /** @description a background job, started */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jobId: string;
                        kind: string;
                        status: string;
                        progress: number;
                        /** @description GET it for the progress and, once done, the result */
                        href: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    publishTriggerVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        status: string;
                        /** TriggerSet */
                        document: {
                            description?: string;
                            triggers: {
                                id: string;
                                name: string;
                                severity: "low" | "medium" | "high" | "critical";
                                /** @description condition in the riskloop expression language */
                                when: string;
                                /** @description alert reason; `{dotted.name}` shows a fact, e.g. `{consortium.loans_7d} loans in 7 days` */
                                reason: string;
                                on?: ("repayment" | "consortium" | "contact" | "behaviour")[];
                                cooldownHours?: number;
                                actions?: ("freeze" | "reduce")[];
                            }[];
                        };
                        author: string;
                        authorHuman: string | null;
                        comment: string;
                        createdAt: string;
                        publishedBy: string | null;
                        publishedAt: string | null;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state of the resource */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCustomerPortrait: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTagSets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    saveTagSet: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    tags: {
                        name: string;
                        when: string;
                        description?: string;
                    }[];
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    segmentBook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    method: "kmeans" | "rfm";
                    population?: "borrowers" | "all";
                    features?: ("recencyDays" | "loans" | "applications" | "totalPrincipal" | "outstanding" | "utilisation" | "revenue" | "maxDpd" | "onTimeShare" | "declaredIncome" | "age" | "monthsInJob" | "tenureDays" | "earlyPayoffs" | "avgApr")[];
                    k?: number;
                    ks?: number[];
                    seed?: number;
                    charts?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        method: "rfm";
                        customers: number;
                        profiles: {
                            segment: string;
                            size: number;
                            share: number;
                            badRate: number;
                            utilisation: number;
                            revenue: number;
                            revenuePerCustomer: number;
                            /** @description feature means in original units (k-means) */
                            centre?: {
                                [key: string]: number;
                            };
                        }[];
                        /** @description SVG charts (asked with charts: true): customers per segment, bad rate and utilisation */
                        charts?: {
                            size: string;
                            risk: string;
                        };
                    };
                };
            };
            /** @description a background job, started */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jobId: string;
                        kind: string;
                        status: string;
                        progress: number;
                        /** @description GET it for the progress and, once done, the result */
                        href: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rankLookalikes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    seedWhen: string;
                    features: ("recencyDays" | "loans" | "applications" | "totalPrincipal" | "outstanding" | "utilisation" | "revenue" | "maxDpd" | "onTimeShare" | "declaredIncome" | "age" | "monthsInJob" | "tenureDays" | "earlyPayoffs" | "avgApr")[];
                    prospects: {
                        ref: string;
                        values: {
                            [key: string]: number;
                        };
                    }[];
                    top?: number;
                    seed?: number;
                };
            };
        };
        responses: {
            /** @description a background job, started */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jobId: string;
                        kind: string;
                        status: string;
                        progress: number;
                        /** @description GET it for the progress and, once done, the result */
                        href: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getChurnModel: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    prescreenCampaign: {
        parameters: {
            query?: {
                name?: string;
                product?: string;
                amount?: number;
                term?: number;
                minLimit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a background job, started */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jobId: string;
                        kind: string;
                        status: string;
                        progress: number;
                        /** @description GET it for the progress and, once done, the result */
                        href: string;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                campaignId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        campaignId: string;
                        name: string;
                        /** CampaignSummary */
                        summary: {
                            prospects: number;
                            offers: number;
                            excluded: number;
                            /** @description by first (principal) reason code */
                            exclusionsByReason: {
                                [key: string]: number;
                            };
                            averageLimit: number | null;
                            averagePrice: number | null;
                        };
                        takenUp: number;
                        takeUpRate: number | null;
                        loans: number;
                        badLoans: number;
                        badRate: number | null;
                    };
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCampaignEntries: {
        parameters: {
            query?: {
                offered?: boolean;
                after?: number;
                limit?: number;
            };
            header?: never;
            path: {
                campaignId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordCampaignTakeUp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                campaignId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    takeUps: {
                        ref: string;
                        applicationId?: string;
                        /** Format: date-time */
                        at?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description The request is invalid: the problem names each field and what was expected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or console session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller’s role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The store (or a service it needs) is unavailable, or the node is shutting down */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
