using System.Security.Cryptography;
using System.Text;

namespace Shuyaku.Web.Security;

/// <summary>
/// The one-time token that lets the first admin be created: made at start when there are no users, printed to the
/// console only, valid for one successful set-up, never stored.
/// </summary>
public sealed class SetupToken
{
    private readonly Lock _lock = new();
    private string? _token;

    /// <summary>Whether a token is waiting to be used.</summary>
    public bool Pending
    {
        get
        {
            lock (_lock)
            {
                return _token is not null;
            }
        }
    }

    /// <summary>Makes a new token (20 random characters of 32, 100 bits, in groups of four) and returns it.</summary>
    public string Issue()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var bytes = RandomNumberGenerator.GetBytes(20);
        var text = new StringBuilder();
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                text.Append('-');
            }

            text.Append(alphabet[bytes[i] % alphabet.Length]);
        }

        lock (_lock)
        {
            _token = text.ToString();
            return _token;
        }
    }

    /// <summary>True once for the right token, which is then gone; false for a wrong token or when there is none.</summary>
    public bool TryConsume(string? candidate)
    {
        lock (_lock)
        {
            if (_token is null || candidate is null ||
                !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(_token), Encoding.UTF8.GetBytes(candidate.Trim())))
            {
                return false;
            }

            _token = null;
            return true;
        }
    }
}
