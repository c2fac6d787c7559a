//! E-mail addresses: the practical subset of RFC 5321 that mail servers accept.
//!
//! Hand-written instead of `validator`'s email rule, which pulls regex and IDNA
//! tables (~160 KiB gzip) into the browser bundle. Internationalised domains
//! must be given in their `xn--` form.

/// Whether `input` (already trimmed) is a plausible e-mail address.
pub fn is_valid(input: &str) -> bool {
    if input.len() > 254 {
        return false;
    }
    let Some((local, domain)) = input.rsplit_once('@') else {
        return false;
    };
    valid_local(local) && valid_domain(domain)
}

fn valid_local(local: &str) -> bool {
    const SPECIALS: &[u8] = b"!#$%&'*+/=?^_`{|}~.-";
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || SPECIALS.contains(&b))
}

fn valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 || domain.len() > 253 {
        return false;
    }
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    let tld = labels[labels.len() - 1];
    let tld_ok =
        tld.starts_with("xn--") || tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic());
    labels.iter().all(|l| label_ok(l)) && tld_ok
}

#[cfg(test)]
mod tests {
    use super::is_valid;

    #[test]
    fn accepts_ordinary_addresses() {
        for good in [
            "hr@example.com",
            "wang.wu+chain@mail.example.com.cn",
            "a@b.cn",
            "x@xn--fiqs8s.xn--fiqs8s",
        ] {
            assert!(is_valid(good), "{good}");
        }
    }

    #[test]
    fn rejects_malformed_addresses() {
        for bad in [
            "",
            "plain",
            "@example.com",
            "a@",
            "a@b",
            "a@@b.cn",
            "a b@c.cn",
            ".a@b.cn",
            "a..b@c.cn",
            "a@-b.cn",
            "a@b.c",
            "a@b.123",
            "王@例子.中国",
            "<script>@x.cn",
        ] {
            assert!(!is_valid(bad), "{bad}");
        }
    }
}
