namespace KooGate.Emulator.Data;

/// <summary>Whether new orders may be placed for a product (one emulator product is one SKU of one period type).</summary>
public enum ListingStatus
{
    Listed,

    /// <summary>已停售: no new purchase, trial, trial-to-formal or change to it; existing instances keep running and renew.</summary>
    Delisted,
}

/// <summary>信控设置: who may pay for the product with credit (credit limits and credit vouchers).</summary>
public enum CreditControl
{
    /// <summary>Credit may not pay for the product (the default: balance only).</summary>
    None,

    /// <summary>全量用户设置: every buyer may pay with credit.</summary>
    AllUsers,

    /// <summary>自定义用户设置: only the accounts on the credit list may.</summary>
    CustomUsers,
}

/// <summary>How the buyer paid for an order; shown in the order and in settlement.</summary>
public enum PaymentMethod
{
    /// <summary>Account balance or online payment.</summary>
    Balance,

    /// <summary>A credit limit (授信额度) or a credit voucher, subject to the product's 信控设置.</summary>
    Credit,
}

/// <summary>Which account list of a product an entry belongs to.</summary>
public enum AccountListKind
{
    /// <summary>配置商品销售对象 / 指定用户: the only accounts that may buy the product when it is restricted.</summary>
    SalesTarget,

    /// <summary>SaaS类商品试用配置: the only accounts that may take a trial when the whitelist is on.</summary>
    TrialWhitelist,

    /// <summary>信控设置 (自定义用户设置): the accounts that may pay with credit.</summary>
    Credit,
}

/// <summary>
/// The listing rules a seller sets for one product in the seller center (商品配置): delisting, sales targets,
/// purchase limit, trial configuration, stock and credit control. A product without a row has no rules.
/// </summary>
public sealed class ListingRules
{
    public string ProductId { get; set; } = string.Empty;

    public ListingStatus Status { get; set; }

    /// <summary>Why it was delisted, as the seller (or the marketplace) gave it.</summary>
    public string? DelistReason { get; set; }

    public DateTimeOffset? DelistedAt { get; set; }

    /// <summary>Only <see cref="AccountListKind.SalesTarget"/> accounts may buy.</summary>
    public bool SalesTargetsOnly { get; set; }

    /// <summary>限购: how many purchases (NEW orders not failed) one account may make; null is no limit.</summary>
    public int? PurchaseLimit { get; set; }

    /// <summary>Only <see cref="AccountListKind.TrialWhitelist"/> accounts may take a trial.</summary>
    public bool TrialWhitelistOnly { get; set; }

    /// <summary>Whether a trial may be converted with TRIAL_TO_FORMAL.</summary>
    public bool TrialToFormal { get; set; } = true;

    /// <summary>Units left for sale; null is unlimited, 0 is sold out.</summary>
    public int? Stock { get; set; }

    public CreditControl Credit { get; set; }

    public List<ListedAccount> Accounts { get; set; } = [];
}

/// <summary>One account (id and name, as the seller enters them) on one of a product's lists.</summary>
public sealed class ListedAccount
{
    public long Id { get; set; }

    public string ProductId { get; set; } = string.Empty;

    public AccountListKind List { get; set; }

    public string CustomerId { get; set; } = string.Empty;

    public string? AccountName { get; set; }
}
