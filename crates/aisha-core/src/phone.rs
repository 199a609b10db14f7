//! Phone numbers as stored and sent: E.164 (`+15551234567`), read in the company's country
//! when the number has no country code, and shown to people in national format.

use phonenumber::country::Id;

/// The region a number without a country code is read in: an ISO 3166 alpha-2 code
/// (`US`, `CA`, `GB`…); anything unknown reads as the US.
pub fn region(country: Option<&str>) -> Id {
    country
        .and_then(|c| c.trim().to_ascii_uppercase().parse::<Id>().ok())
        .unwrap_or(Id::US)
}

/// Whether `country` names a region libphonenumber knows.
pub fn known_region(country: &str) -> bool {
    country.trim().to_ascii_uppercase().parse::<Id>().is_ok()
}

/// `raw` in E.164, or `None` when it is not a phone number. North American numbers need ten
/// national digits that do not start with 0 or 1 (555 numbers are possible, not assigned, and
/// the contract's examples use them); other countries' must be valid per libphonenumber.
pub fn to_e164(raw: &str, region: Id) -> Option<String> {
    let digits = raw.chars().filter(char::is_ascii_digit).count();
    if !(7..=15).contains(&digits) || raw.chars().any(|c| c.is_alphabetic()) {
        return None;
    }
    let number = phonenumber::parse(Some(region), raw).ok()?;
    if number.code().value() == 1 {
        let national = number.national().value().to_string();
        if national.len() != 10 || national.starts_with(['0', '1']) {
            return None;
        }
    } else if !phonenumber::is_valid(&number) {
        return None;
    }
    Some(number.format().mode(phonenumber::Mode::E164).to_string())
}

/// How a person reads the number: national format at home (`(555) 123-4567`), international
/// (`+44 20 7946 0958`) for another country's number. Anything unparseable is shown as stored.
pub fn display(e164: &str, region: Id) -> String {
    let Ok(number) = phonenumber::parse(Some(region), e164) else {
        return e164.to_owned();
    };
    let home = phonenumber::metadata::DATABASE
        .by_id(region.as_ref())
        .map(|m| m.country_code())
        == Some(number.code().value());
    let mode = if home {
        phonenumber::Mode::National
    } else {
        phonenumber::Mode::International
    };
    number.format().mode(mode).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_number_is_one_e164() {
        for raw in [
            "555-123-4567",
            "(555) 123-4567",
            "+1 555 123 4567",
            "1-555-123-4567",
            "555.123.4567",
            "+15551234567",
        ] {
            assert_eq!(
                to_e164(raw, Id::US).as_deref(),
                Some("+15551234567"),
                "{raw}"
            );
        }
        assert_eq!(
            to_e164("020 7946 0958", region(Some("gb"))).as_deref(),
            Some("+442079460958")
        );
        assert_eq!(
            to_e164("+44 20 7946 0958", Id::US).as_deref(),
            Some("+442079460958")
        );
    }

    #[test]
    fn non_numbers_are_refused() {
        for raw in [
            "",
            "12345",
            "call me",
            "555-123-456",
            "055-123-4567",
            "not 5551234567",
        ] {
            assert_eq!(to_e164(raw, Id::US), None, "{raw}");
        }
    }

    #[test]
    fn shown_in_national_format_at_home() {
        assert_eq!(display("+15551234567", Id::US), "(555) 123-4567");
        assert_eq!(display("+442079460958", Id::US), "+44 20 7946 0958");
        assert_eq!(display("+442079460958", Id::GB), "020 7946 0958");
        assert_eq!(display("garbage", Id::US), "garbage");
        assert_eq!(region(Some("ca")), Id::CA);
        assert_eq!(region(Some("zz")), Id::US);
        assert_eq!(region(None), Id::US);
    }
}
