namespace Orleans.Transfer.Diagnostics;

/// <summary>
/// Every log event id the service writes, in one table so that none is used twice and operators can filter on them.
/// Ranges: 1000 job lifecycle (1020 HTTP options, 1040 upload jobs, 1070 network cost of jobs), 1100 silo housekeeping (1110 retention, 1120 memory of collected jobs, 1130 unfinished creates), 2000 job transfers, 2100 the transfer pipeline,
/// 2110 bandwidth, 2120 network monitor, 2130 owner file access, 2140 transfer limits, 2150 HTTP handlers, 2155 network cost detection, 2160 yielding, 2180 content digests, 2190 segmented downloads, 2200 scheduler, 2300 the BITS upload client, 2400 the SMB client, 2415 the smb transport, 3000 storage,
/// 3100 stored secrets and damaged state, 4000 local API, 5000 notification delivery, 5100 job notifications, 5200
/// notification security (the notify command's account, webhook destinations), 6100 Orleans transport security, 7000 the
/// BITS upload server (7050 its session stores and hosting), 7300 OpenTelemetry export.
/// BITS upload server (7050 its session stores and hosting), 7400 the service as a whole (started: version, store, listeners).
/// Ids are stable: never renumber one; retire it by leaving its number unused.
/// </summary>
public static class TransferEventIds
{
    public const int JobCreated = 1000;
    public const int FilesAdded = 1001;
    public const int JobStateChanged = 1002;
    public const int JobResumingAfterActivation = 1003;
    public const int JobEnded = 1004;
    public const int JobCancelledForInactivity = 1005;
    public const int JobYielded = 1006;
    // 1007 retired: the clean-up of a failed create (a create is one transaction since, and leaves nothing to undo).
    public const int OwnershipTaken = 1008;

    public const int HttpOptionsChanged = 1020;
    public const int CredentialsSet = 1021;
    public const int CredentialsRemoved = 1022;
    public const int ClientCertificateSet = 1023;
    public const int ClientCertificateRemoved = 1024;
    public const int RemoteUrlChanged = 1025;
    public const int RemotePrefixReplaced = 1026;
    public const int HttpSecretUnreadable = 1027;
    public const int HttpSecretsStripped = 1028;

    // Upload and UploadReply jobs: 1040-1069.
    public const int UploadSessionCancelling = 1040;
    public const int JobUploadSessionClosed = 1041;
    public const int UploadSessionCloseFailed = 1042;
    public const int UploadLocalFileChanged = 1043;
    public const int UploadReplyFound = 1044;
    public const int UploadReplyMissing = 1045;
    public const int UploadReplyTempNotDeleted = 1046;
    public const int UploadSessionControlMissing = 1047;

    // Network cost of jobs (B84, B85): 1070-1079.
    public const int JobWaitingForCost = 1070;
    public const int JobCostAllowed = 1071;
    public const int JobCostPolicyChanged = 1072;
    public const int CostChangeRequeued = 1073;
    public const int CostChangeRequeueFailed = 1074;

    public const int ActiveJobsWoken = 1100;
    public const int ActiveJobsWakeUpFailed = 1101;
    public const int InactiveSweepFailed = 1102;
    public const int NetworkReturnRequeued = 1103;
    public const int NetworkReturnRequeueFailed = 1104;

    public const int FinalJobRemoved = 1110;
    public const int RetentionSweepFailed = 1111;

    // Memory of collected job activations: 1120-1129.
    public const int JobMemoryReleased = 1120;

    // Creates that did not finish (catalog reservations): 1130-1139.
    public const int UnfinishedCreatesResolved = 1130;
    public const int UnfinishedCreatesResolveFailed = 1131;

    // Jobs the service completes itself, woken after a restart (issue 16): 1140-1159.
    public const int CompletingJobsWoken = 1140;

    // Batch creates (IJobBatchGrain, issue 16), in the block above.
    public const int JobBatchCreated = 1141;
    public const int JobBatchWakeFailed = 1142;

    // A resumed segmented download under the job's cap on connections per server (issue 16): 1180-1199.
    public const int SegmentsWaitingForConnections = 1180;

    // A stopped run hands over the checkpoint of its finished flushes: 1181.
    public const int StoppedEventUnreported = 1181;

    // A cluster of silos (docs/cluster.md): 1200-1229.
    public const int DeadSiloJobsWoken = 1201;
    public const int DeadSiloJobsWakeUpFailed = 1202;
    public const int DeadSiloJobWakeUpFailed = 1203;
    public const int StaleJobActivationStopped = 1204;

    // Placement by host and the cluster's bandwidth policy and shared cap (docs/cluster.md): 1220-1229.
    public const int PinnedJobHostUnavailable = 1220;
    public const int ClusterBandwidthReportFailed = 1221;
    public const int ClusterBandwidthPolicyApplied = 1222;

    // Upload sessions served by every silo of a cluster (docs/uploads.md, "Any silo, any packet"): 1240-1249.
    public const int UploadFragmentAccepted = 1240;
    public const int UploadSessionLeaseWaitTimedOut = 1241;
    public const int UploadSessionLeaseLost = 1242;
    public const int UploadSessionLeaseRenewFailed = 1243;
    public const int UploadSessionLeaseNotReleased = 1244;

    // Fencing a hung or cut-off silo's writer (docs/cluster.md, "Fencing"): 1230-1239.
    public const int TempFilesTakenOver = 1230;
    public const int StaleCompleteRefused = 1231;

    // Jobs the service completes itself once transferred (CompleteWhenTransferred, docs/cli.md): 1250-1254.
    public const int JobCompletedWhenTransferred = 1250;
    public const int CompleteWhenTransferredFailed = 1251;
    public const int TransferredJobCompletedOnActivation = 1252;

    // The cluster content cache (docs/cluster.md, "Content cache"): 1210-1219.
    public const int ContentCacheFilled = 1210;
    public const int ContentCacheCopied = 1211;
    public const int ContentCacheFellBack = 1212;
    public const int ContentCacheBadBlock = 1213;
    public const int ContentCacheEvicted = 1214;
    public const int ContentCacheEvictionFailed = 1215;
    public const int ContentCacheLeaveFailed = 1216;

    public const int FileTransferred = 2000;
    public const int JobTransferred = 2001;
    public const int JobFailed = 2002;
    public const int JobTransientError = 2003;
    public const int JobRunFailed = 2004;
    public const int TempFileNotDeleted = 2005;
    public const int JobWaitingForNetwork = 2006;
    public const int JobNetworkReturned = 2007;

    public const int TransferStarting = 2100;
    public const int TransferRestarting = 2101;
    public const int TransferRetrying = 2102;
    public const int TransferCompleted = 2103;
    public const int TransferFailed = 2104;
    public const int TransferUnexpected = 2105;
    public const int TransferCancelled = 2106;

    public const int BandwidthPolicyChanged = 2110;
    public const int BandwidthPolicyInvalid = 2111;

    public const int NetworkStartedOffline = 2120;
    public const int NetworkLost = 2121;
    public const int NetworkReturned = 2122;

    public const int OwnerIdentityNotRestored = 2130;
    public const int TempFileNotResumed = 2131;

    public const int TransferTooSlow = 2140;
    public const int TransferTooLarge = 2141;

    public const int HttpHandlerCreated = 2150;
    public const int HttpHandlersDropped = 2151;
    public const int HttpHandlerPoolFull = 2152;

    // Network cost detection: 2155-2159 (2150-2152 were already the HTTP handlers').
    public const int NetworkCostUnknown = 2155;
    public const int NetworkCostRead = 2156;
    public const int NetworkCostChanged = 2157;
    public const int NetworkCostSourceAway = 2158;
    public const int NetworkCostSourceFailed = 2159;

    // Receive-side yielding to foreground traffic (issue 14): 2160-2174.
    public const int YieldStarted = 2160;
    public const int YieldStopped = 2161;
    public const int YieldDecision = 2162;
    public const int YieldNoTimestamps = 2163;
    public const int YieldNoDelaySignal = 2164;
    public const int YieldTickFailed = 2165;
    public const int YieldPriorityHintFailed = 2166;
    public const int YieldConnectionControlled = 2167;
    // Content digests while streaming (issue 17): 2180-2189.
    public const int DigestHeaderIgnored = 2180;
    public const int DigestPrefixRehashed = 2181;
    public const int DigestMismatchRestarting = 2182;
    public const int DigestMismatchFailed = 2183;
    public const int DigestVerified = 2184;

    // Segmented downloads (issue 17): 2190-2199.
    public const int SegmentedDownloadStarting = 2190;
    public const int SegmentRetrying = 2191;

    public const int SlotGranted = 2200;
    public const int SlotPreempted = 2201;
    public const int SliceEnded = 2202;
    public const int NoSlotAfterPriorityChange = 2203;
    public const int SlotReleased = 2204;
    public const int SlotWithdrawn = 2205;
    public const int SchedulerPriorityChanged = 2206;
    public const int RevocationCallbackFailed = 2207;

    public const int UploadClientSessionCreated = 2300;
    public const int UploadSessionResumed = 2301;
    public const int UploadServerHoldsMore = 2302;
    public const int UploadSessionLost = 2303;
    public const int UploadHostIdFallback = 2304;
    public const int UploadFragmentShrunk = 2305;
    public const int UploadClientSessionClosed = 2306;
    public const int UploadCancelSent = 2310;
    public const int UploadCancelRetrying = 2311;
    public const int UploadCancelGaveUp = 2312;

    // The SMB client (libsmbclient on Linux, the redirector on Windows): 2400-2414.
    public const int SmbContextCreated = 2400;
    public const int SmbContextIdle = 2401;
    public const int SmbContextDropped = 2402;
    public const int SmbClientMissing = 2403;
    public const int SmbCloseFailed = 2404;
    public const int SmbConnectionAdded = 2405;
    public const int SmbConnectionCancelled = 2406;
    public const int SmbConnectionCancelFailed = 2407;

    // The smb transport: 2415-2429.
    public const int SmbUploadTempDeleted = 2415;
    public const int SmbUploadTempNotDeleted = 2416;
    public const int SmbUploadResumed = 2417;
    public const int SmbUploadMovedIntoPlace = 2418;

    // The receive-buffer bound of near connections (issue 17, resume waste): 2420-2429, the smb block's unused end.
    public const int ReceiveBufferBounded = 2420;
    public const int ReceiveBufferBoundFailed = 2421;
    public const int ReceiveBufferRmemMaxTooLow = 2422;

    public const int SchemaReady = 3000;
    public const int SchemaConnectRetry = 3001;
    public const int CatalogWriteFailed = 3002;

    public const int JobStateUnreadable = 3100;
    public const int PlaintextSecretProtected = 3101;
    public const int SecretUnreadable = 3102;
    public const int DamagedJobCancelled = 3103;
    public const int ActiveJobWakeUpFailed = 3104;

    public const int LocalApiListening = 4000;
    public const int LocalApiStaleSocketRemoved = 4001;
    public const int LocalApiRequestFailed = 4002;
    public const int LocalApiRequestRefused = 4003;
    public const int LocalApiStopRequested = 4004;
    public const int LocalApiResetCancelFailed = 4005;

    public const int CommandStarting = 5000;
    public const int CommandExited = 5001;
    public const int CommandTimedOut = 5002;
    public const int CommandNotStarted = 5003;
    public const int WebhookDelivered = 5010;
    public const int WebhookRejected = 5011;
    public const int WebhookFailed = 5012;

    public const int NotificationFailed = 5100;
    public const int ObserverFailed = 5101;

    public const int CommandRefused = 5200;
    public const int WebhookDestinationRefused = 5201;

    public const int OrleansTlsOn = 6100;
    public const int OrleansTlsOff = 6101;
    public const int ServiceCertificateCreated = 6102;
    public const int RemoteCertificateRejected = 6103;

    // The BITS upload server (silo/Orleans.Transfer.Uploads), 7000-7049.
    public const int UploadSessionCreated = 7000;
    public const int UploadCommitted = 7001;
    public const int UploadSessionClosed = 7002;
    public const int UploadSessionCancelled = 7003;
    public const int UploadSessionExpired = 7004;
    public const int UploadRequestRefused = 7005;
    public const int UploadRequestFailed = 7006;
    public const int UploadNotificationFailed = 7007;
    public const int UploadSweepFailed = 7008;
    public const int UploadPartialLost = 7009;
    public const int UploadCleanupFailed = 7010;
    public const int UploadSessionTableReady = 7050;
    public const int UploadSessionIndexNotUpdated = 7051;
    public const int UploadServerListening = 7060;

    // The web dashboard (silo/Orleans.Transfer.Dashboard), 7200-7229.
    public const int DashboardListening = 7200;
    public const int DashboardNotListening = 7201;
    public const int DashboardLoginMinted = 7202;
    public const int DashboardLoginRefused = 7203;
    public const int DashboardRequestRefused = 7204;
    public const int DashboardJobAction = 7205;
    public const int DashboardPolicyChanged = 7206;

    // Job history (grains/Orleans.Transfer.Grains/History and its readers): 7210-7219.
    public const int JobHistoryWriteFailed = 7210;

    // OpenTelemetry export (silo/Orleans.Transfer.Silo/Telemetry): 7300-7309.
    public const int TelemetryOtlpExporting = 7300;
    public const int TelemetryPrometheusListening = 7301;
    public const int TelemetryPrometheusNotLoopback = 7302;

    // The service as a whole (silo/Orleans.Transfer.LocalApi/Status), 7400-7419.
    public const int ServiceStarted = 7400;

    // Hosting of the surfaces on their own ports (silo/Orleans.Transfer.Silo/ServiceStartFailure.cs): 7410-7419.
    public const int ServiceSurfaceCannotListen = 7410;
}
