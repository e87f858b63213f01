namespace Orleans.Transfer.Grains;

/// <summary>Ending a job: Complete moves finished files into place (B43, B30); Cancel deletes temp files (B44).</summary>
internal sealed partial class TransferJobGrain
{
    public async Task<JobInfo> CancelAsync()
    {
        EnsureExists();
        var target = JobStateMachine.Cancel(Job.State);
        await StopRunAsync();
        DisposeRetryTimer();
        foreach (var file in Job.Files.Where(f => !f.InPlace))
        {
            DeleteTempFile(file.TempPath);
        }

        await ChangeStateAsync(target);
        LogJobEnded(logger, JobId, target);
        return ToInfo();
    }

    public async Task<JobInfo> CompleteAsync()
    {
        EnsureExists();
        var target = JobStateMachine.Complete(Job.State);
        await StopRunAsync();
        DisposeRetryTimer();
        for (var i = 0; i < Job.Files.Count; i++)
        {
            var file = Job.Files[i];
            if (file.InPlace)
            {
                continue;
            }

            if (!file.Completed)
            {
                DeleteTempFile(file.TempPath);
                continue;
            }

            try
            {
                File.Move(file.TempPath, file.LocalPath, overwrite: true);
                file.InPlace = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // B30: the job keeps its state; files already moved stay moved; fix the cause and Complete again.
                await PersistAsync();
                throw new TransferJobException(
                    TransferErrorCode.RenameFailed,
                    $"files[{i}]: could not move '{file.TempPath}' to '{file.LocalPath}': {e.Message} Fix the cause and complete the job again, or cancel it.",
                    $"files[{i}].localPath");
            }
        }

        await ChangeStateAsync(target);
        LogJobEnded(logger, JobId, target);
        return ToInfo();
    }

    private void DeleteTempFile(string tempPath)
    {
        try
        {
            File.Delete(tempPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogTempFileNotDeleted(logger, e, JobId, tempPath);
        }
    }
}
