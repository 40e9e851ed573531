using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Shuyaku.Web.Storage;

namespace Shuyaku.Web.Security;

/// <summary>
/// Keeps the cookie-protection keys in the database's <c>cookie_keys</c> table (used with <c>--postgres</c>), so a
/// restart, or another console on the same database, reads the same keys and sessions stay valid.
/// </summary>
internal sealed class DatabaseKeyRepository(ConsoleStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        store.CookieKeysAsync().GetAwaiter().GetResult().Select(x => XElement.Parse(x)).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        store.AddCookieKeyAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
}
