using Microsoft.Extensions.Configuration;
using Orleans.Transfer.Silo.Security;

namespace Orleans.Transfer.Integration.Tests;

public sealed class OrleansTlsOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValidAndAuto()
    {
        var options = new OrleansTlsOptions();

        Assert.True(new OrleansTlsOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(OrleansTlsMode.Auto, options.OrleansTls);
        Assert.Null(options.CertificatePath);
        Assert.Empty(options.TrustedClientCertificates);
    }

    [Fact]
    public void Bound_FromConfiguration_ReadsModePathAndThumbprints()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Transfer:Security:OrleansTls"] = "on",
            ["Transfer:Security:CertificatePath"] = "/etc/orleans-transfer/cluster.pfx",
            ["Transfer:Security:TrustedClientCertificates:0"] = new string('a', 64),
        }).Build();

        var options = configuration.GetSection(OrleansTlsOptions.SectionName).Get<OrleansTlsOptions>()!;

        Assert.Equal(OrleansTlsMode.On, options.OrleansTls);
        Assert.True(new OrleansTlsOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void BadValues_FailNamingEachKey()
    {
        var options = new OrleansTlsOptions
        {
            OrleansTls = (OrleansTlsMode)7,
            CertificatePath = "cluster.pfx",
            TrustedClientCertificates = [new string('A', 64), "client.crt"],
        };

        var result = new OrleansTlsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Collection(
            result.Failures!,
            f => Assert.StartsWith("Transfer:Security:OrleansTls must be Auto, On or Off", f, StringComparison.Ordinal),
            f => Assert.StartsWith("Transfer:Security:CertificatePath must be an absolute path", f, StringComparison.Ordinal),
            f => Assert.StartsWith("Transfer:Security:TrustedClientCertificates:1 ('client.crt') is not a SHA-256 thumbprint", f, StringComparison.Ordinal));
    }
}
