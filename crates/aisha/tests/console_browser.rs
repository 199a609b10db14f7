//! The console in real headless Chromium (Debian's chromium and chromium-driver), driven over
//! WebDriver against the running server: sign in, book in the playground, resolve the
//! escalation a pricing question opens, flip the kill switch and find it in the audit log, save
//! a configuration change. Each test saves a screenshot on failure (target/console-screenshots);
//! with AISHA_UPDATE_SCREENSHOTS=1 the key pages are also saved to docs/screenshots for the
//! README. The dispatcher's pages (bookings, conversations, outbox, customers, audit log) are
//! walked at a phone's width (390 px) and a desktop's (1280 px).

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::*;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

struct Browser {
    client: Client,
    _driver: tokio::process::Child,
}

async fn browser() -> Browser {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let driver = tokio::process::Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect(
            "chromedriver is installed (apt-get install chromium chromium-driver; .ci/run does it)",
        );
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({"args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000",
                         "--disable-dev-shm-usage"]}),
    );
    let url = format!("http://127.0.0.1:{port}");
    for attempt in 0.. {
        // Plain HTTP to the local driver: no TLS stack needed.
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(client) => {
                return Browser {
                    client,
                    _driver: driver,
                }
            }
            Err(e) if attempt < 100 => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("chromedriver did not start: {e}"),
        }
    }
    unreachable!()
}

fn shot_dir(sub: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(sub);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Save a screenshot of the page for the README when asked to.
async fn readme_shot(c: &Client, name: &str) {
    if std::env::var_os("AISHA_UPDATE_SCREENSHOTS").is_some() {
        let png = c.screenshot().await.unwrap();
        std::fs::write(
            shot_dir("docs/screenshots").join(format!("{name}.png")),
            png,
        )
        .unwrap();
    }
}

/// Run a scenario; on failure keep a screenshot of where it stopped, then fail.
async fn run<F, Fut>(name: &str, scenario: F)
where
    F: FnOnce(Client, TestApp, String) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let app = spawn_app(Backend::Sqlite).await;
    let key = app.company("acme-hvac", json!({})).await;
    let b = browser().await;
    let result = scenario(b.client.clone(), app, key).await;
    if let Err(e) = &result {
        if let Ok(png) = b.client.screenshot().await {
            let path = shot_dir("target/console-screenshots").join(format!("{name}.png"));
            std::fs::write(&path, png).unwrap();
            eprintln!("screenshot of the failure: {}", path.display());
        }
        let _ = b.client.clone().close().await;
        panic!("{name}: {e:#}");
    }
    b.client.close().await.unwrap();
}

async fn sign_in(c: &Client, base: &str, key: &str) -> anyhow::Result<()> {
    c.goto(&format!("{base}/console/login")).await?;
    c.find(Locator::Id("company"))
        .await?
        .send_keys("acme-hvac")
        .await?;
    c.find(Locator::Id("key")).await?.send_keys(key).await?;
    c.find(Locator::Css("form button[type=submit]"))
        .await?
        .click()
        .await?;
    page_with(c, "open ·").await?;
    anyhow::ensure!(
        c.current_url().await?.path() == "/console/escalations",
        "not signed in: {}",
        c.current_url().await?
    );
    Ok(())
}

/// Say something in the playground and wait for the page that answers it.
async fn say(c: &Client, text: &str) -> anyhow::Result<()> {
    let before = c.find_all(Locator::Css("#transcript p")).await?.len();
    c.find(Locator::Id("say")).await?.send_keys(text).await?;
    c.find(Locator::Css("main form button[type=submit]"))
        .await?
        .click()
        .await?;
    for _ in 0..100 {
        // The old page's nodes vanish as the new one loads; errors here mean "not yet".
        if let Ok(lines) = c.find_all(Locator::Css("#transcript p")).await {
            if lines.len() > before && c.find(Locator::Id("mode")).await.is_ok() {
                return Ok(());
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    anyhow::bail!("no answer to {text:?}")
}

/// Wait for the page (after a form post) to contain `needle`; returns the page source.
async fn page_with(c: &Client, needle: &str) -> anyhow::Result<String> {
    let mut last = String::new();
    for _ in 0..100 {
        if let Ok(src) = c.source().await {
            if src.contains(needle) {
                return Ok(src);
            }
            last = src;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let main = last.split_once("<main>").map(|(_, m)| m).unwrap_or(&last);
    anyhow::bail!(
        "the page never showed {needle:?}; it ended as:\n{}",
        main.chars().take(2000).collect::<String>()
    )
}

async fn text_of(c: &Client, id: &str) -> anyhow::Result<String> {
    Ok(c.find(Locator::Id(id)).await?.text().await?)
}

/// The team at a width: the key holder invites the first owner, who sets a password by the
/// link and signs in as a person; the owner invites a read-only viewer, who sees the pages and
/// none of the forms that change anything.
async fn team(width: u32) {
    run(&format!("team-{width}"), |c, app, key| async move {
        c.set_window_size(width, if width < 600 { 844 } else { 1000 })
            .await?;
        sign_in(&c, &app.base, &key).await?;
        let invite = |name: &'static str, email: &'static str, role: &'static str| {
            let c = c.clone();
            let base = app.base.clone();
            async move {
                c.goto(&format!("{base}/console/team")).await?;
                c.find(Locator::Id("invite-name"))
                    .await?
                    .send_keys(name)
                    .await?;
                c.find(Locator::Id("invite-email"))
                    .await?
                    .send_keys(email)
                    .await?;
                c.find(Locator::Css(&format!("#invite-role option[value={role}]")))
                    .await?
                    .click()
                    .await?;
                c.find(Locator::Css("#invite button[type=submit]"))
                    .await?
                    .click()
                    .await?;
                page_with(&c, "invite-link").await?;
                anyhow::Ok(text_of(&c, "invite-link").await?)
            }
        };
        let set_password = |link: String, password: &'static str| {
            let c = c.clone();
            async move {
                c.goto(&link).await?;
                c.find(Locator::Id("password"))
                    .await?
                    .send_keys(password)
                    .await?;
                c.find(Locator::Id("confirm"))
                    .await?
                    .send_keys(password)
                    .await?;
                c.find(Locator::Css("form button[type=submit]"))
                    .await?
                    .click()
                    .await?;
                page_with(&c, "signed-in-as").await?;
                anyhow::Ok(text_of(&c, "signed-in-as").await?)
            }
        };
        let link = invite("Olivia Owner", "olivia@acme.example", "owner").await?;
        anyhow::ensure!(link.contains("/console/invite/inv_"), "{link}");
        let who = set_password(link, "correct horse battery").await?;
        anyhow::ensure!(who == "Olivia Owner <olivia@acme.example> · owner", "{who}");

        let link = invite("Vera Viewer", "vera@acme.example", "viewer").await?;
        c.goto(&format!("{}/console/team", app.base)).await?;
        let page = page_with(&c, "vera@acme.example").await?;
        anyhow::ensure!(page.contains("invited") && page.contains("(you)"));
        fits(&c, width).await?;
        readme_shot(&c, &format!("team-{width}")).await;

        c.find(Locator::Css("form.signout button"))
            .await?
            .click()
            .await?;
        page_with(&c, "Sign in").await?;
        let who = set_password(link, "vera's long password").await?;
        anyhow::ensure!(who.ends_with("· viewer"), "{who}");
        c.goto(&format!("{}/console/controls", app.base)).await?;
        page_with(&c, "Kill switch").await?;
        let form = c.find(Locator::Css("main form")).await?;
        anyhow::ensure!(
            !form.is_displayed().await?,
            "a viewer sees the kill switch form"
        );
        fits(&c, width).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_team_at_a_phones_width() {
    team(390).await;
}

#[tokio::test]
async fn the_team_at_a_desktops_width() {
    team(1280).await;
}

const GOLDEN: [&str; 9] = [
    "Hi I'm having air-conditioning issues today",
    "The thermostat is blank and there's water dripping",
    "Yes please",
    "Subach",
    "yes",
    "John",
    "555-123-4567",
    "123 Main Street, Anytown",
    "As soon as possible",
];

#[tokio::test]
async fn sign_in_and_book_a_call_in_the_playground() {
    run("playground", |c, app, key| async move {
        // A wrong key is refused.
        c.goto(&format!("{}/console/login", app.base)).await?;
        c.find(Locator::Id("company"))
            .await?
            .send_keys("acme-hvac")
            .await?;
        c.find(Locator::Id("key"))
            .await?
            .send_keys("ak_wrong")
            .await?;
        c.find(Locator::Css("form button[type=submit]"))
            .await?
            .click()
            .await?;
        page_with(&c, "do not match").await?;
        sign_in(&c, &app.base, &key).await?;
        c.goto(&format!("{}/console/playground", app.base)).await?;
        c.find(Locator::Id("caller"))
            .await?
            .send_keys("+15551234567")
            .await?;
        for (i, line) in GOLDEN.iter().enumerate() {
            say(&c, line).await?;
            if i == 3 {
                anyhow::ensure!(text_of(&c, "mode").await? == "BOOKING");
                anyhow::ensure!(text_of(&c, "active-slot").await? == "name");
            }
        }
        anyhow::ensure!(
            text_of(&c, "mode").await? == "COMPLETE",
            "mode is {}",
            text_of(&c, "mode").await?
        );
        anyhow::ensure!(text_of(&c, "intent").await? == "BOOKING_COMPLETE");
        // The booking in words, the phone as a person reads it.
        let booked = text_of(&c, "booked").await?;
        anyhow::ensure!(
            booked.contains("John Subach") && booked.contains("(555) 123-4567"),
            "{booked}"
        );
        let booking = text_of(&c, "booking").await?;
        anyhow::ensure!(
            booking.contains("555-123-4567") && booking.contains("Subach"),
            "{booking}"
        );
        anyhow::ensure!(
            c.source()
                .await?
                .contains("We&#39;ll get a technician out to you as soon as possible.")
                || c.source()
                    .await?
                    .contains("We'll get a technician out to you as soon as possible.")
        );
        readme_shot(&c, "playground").await;
        // Coming back to the playground shows the same conversation; starting over is a link.
        c.goto(&format!("{}/console/playground", app.base)).await?;
        anyhow::ensure!(
            text_of(&c, "mode").await? == "COMPLETE",
            "the conversation was lost"
        );
        c.find(Locator::Id("new-conversation"))
            .await?
            .click()
            .await?;
        page_with(&c, "No messages yet.").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_pricing_question_escalates_and_is_resolved_in_the_inbox() {
    run("escalations", |c, app, key| async move {
        sign_in(&c, &app.base, &key).await?;
        c.goto(&format!("{}/console/playground", app.base)).await?;
        say(&c, "My furnace is making a banging noise").await?;
        say(&c, "How much would a new furnace cost me?").await?;
        c.goto(&format!("{}/console/escalations", app.base)).await?;
        let page = c.source().await?;
        anyhow::ensure!(
            page.contains("pricing question"),
            "no pricing escalation in the inbox"
        );
        anyhow::ensure!(
            page.contains("How much would a new furnace cost me?"),
            "the conversation around it is missing"
        );
        readme_shot(&c, "escalations").await;
        c.find(Locator::Css("article.card input[name=note]"))
            .await?
            .send_keys("Called back with a ballpark")
            .await?;
        c.find(Locator::Css("article.card button[type=submit]"))
            .await?
            .click()
            .await?;
        let page = page_with(&c, "Nothing needs a human right now.").await?;
        anyhow::ensure!(
            page.contains("Called back with a ballpark"),
            "the note is not shown"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_kill_switch_is_flipped_with_a_reason_and_audited() {
    run("controls", |c, app, key| async move {
        for (i, (id, name, state)) in [
            ("dana", "Dana", "Engaged"),
            ("lee", "Lee", "Evaluating"),
            ("sam", "Sam", "Dormant"),
            ("ava", "Ava", "Active"),
            ("kim", "Kim", "Active"),
            ("raj", "Raj", "At Risk"),
        ]
        .into_iter()
        .enumerate()
        {
            // One customer per number.
            let body =
                json!({"firstName": name, "phone": format!("+1555123000{i}"), "state": state});
            let path = format!("/v1/companies/acme-hvac/customers/{id}");
            let (status, _) = app.call("PUT", &path, &key, Some(body)).await;
            anyhow::ensure!(status == 200, "creating {id}");
        }
        sign_in(&c, &app.base, &key).await?;
        c.goto(&format!("{}/console/controls", app.base)).await?;
        anyhow::ensure!(text_of(&c, "kill_switch-state").await? == "off");
        c.find(Locator::Id("kill_switch-reason"))
            .await?
            .send_keys("Storm week: pausing outreach")
            .await?;
        c.find(Locator::Css("form.card:first-of-type button[type=submit]"))
            .await?
            .click()
            .await?;
        let page = page_with(&c, "Storm week: pausing outreach").await?;
        anyhow::ensure!(
            text_of(&c, "kill_switch-state").await? == "ON",
            "the switch did not flip"
        );
        anyhow::ensure!(
            page.contains("kill switch on") && page.contains("Storm week: pausing outreach"),
            "not in the audit log"
        );
        anyhow::ensure!(text_of(&c, "audit-verdict")
            .await?
            .starts_with("Chain intact"));
        let (_, controls) = app
            .call("GET", "/v1/companies/acme-hvac/controls", &key, None)
            .await;
        anyhow::ensure!(controls["killSwitch"] == true, "{controls}");
        readme_shot(&c, "controls").await;
        // Pause Hands-Off for one customer, with a reason; the timeline records it.
        c.goto(&format!("{}/console/customers/dana", app.base))
            .await?;
        anyhow::ensure!(text_of(&c, "hands-off").await? == "on");
        // Her next step is at a time in the company's zone (or, outside hours, none).
        let next = text_of(&c, "next-step").await?;
        anyhow::ensure!(
            next == "none scheduled" || next.contains(" CST · ") || next.contains(" CDT · "),
            "{next}"
        );
        c.find(Locator::Id("ho-reason"))
            .await?
            .send_keys("Owner is calling her himself")
            .await?;
        c.find(Locator::Css("div.card form button[type=submit]"))
            .await?
            .click()
            .await?;
        page_with(&c, "Resume Hands-Off Mode").await?;
        anyhow::ensure!(text_of(&c, "hands-off").await? == "off");
        // Without a text provider a message from the console is not "delivered": it says so.
        c.find(Locator::Id("msg"))
            .await?
            .send_keys("Running late, there by 9")
            .await?;
        c.find(Locator::Css("form[action$='/message'] button[type=submit]"))
            .await?
            .click()
            .await?;
        let page = page_with(&c, "Running late, there by 9").await?;
        anyhow::ensure!(
            page.contains("console only: not sent"),
            "the console-only message looks delivered"
        );
        anyhow::ensure!(!page.contains(">delivered<"), "still says delivered");
        let (_, t) = app
            .call("GET", "/v1/companies/acme-hvac/customers/dana", &key, None)
            .await;
        anyhow::ensure!(t["relationship"]["handsOff"] == false, "{t}");
        // The customers page with its chart, for the README.
        c.goto(&format!("{}/console/customers", app.base)).await?;
        anyhow::ensure!(c.source().await?.contains("Customers by C.A.R.E. state"));
        readme_shot(&c, "customers").await;
        // A form without the session's CSRF token is refused.
        let no_redirects = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        let resp = no_redirects
            .post(format!("{}/console/controls", app.base))
            .header("cookie", "aisha_console=acme-hvac.9999999999.forged")
            .body("csrf=x&kill_switch=false&reason=x")
            .send()
            .await?;
        anyhow::ensure!(
            resp.status().is_redirection() && resp.headers()["location"] == "/console/login",
            "a forged session got {}",
            resp.status()
        );
        let (_, controls) = app
            .call("GET", "/v1/companies/acme-hvac/controls", &key, None)
            .await;
        anyhow::ensure!(
            controls["killSwitch"] == true,
            "a forged form changed the switch"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_configuration_change_is_validated_and_saved() {
    run("config", |c, app, key| async move {
        sign_in(&c, &app.base, &key).await?;
        c.goto(&format!("{}/console/config/consent", app.base))
            .await?;
        // Lists are one per line, not JSON; a replacement without its "=" is refused, the
        // message names the field and the line, and what was typed stays in the form.
        let forbidden = c.find(Locator::Id("vocabulary-forbiddenWords")).await?;
        forbidden.clear().await?;
        forbidden.send_keys("technician\ntech").await?;
        let map = c.find(Locator::Id("vocabulary-replacementMap")).await?;
        map.clear().await?;
        map.send_keys("technician = team member\ntech").await?;
        let save_vocabulary = "form[action='/console/config/vocabulary'] button[type=submit]";
        c.find(Locator::Css(save_vocabulary)).await?.click().await?;
        let page = page_with(&c, "Not saved").await?;
        anyhow::ensure!(
            page.contains("frontDeskBehavior.vocabularyGuardrails.replacementMap")
                && page.contains("line 2"),
            "the error does not name the field and line"
        );
        anyhow::ensure!(
            text_of(&c, "vocabulary-replacementMap-error")
                .await?
                .contains("line 2"),
            "no error beside the field"
        );
        let kept = c
            .find(Locator::Id("vocabulary-forbiddenWords"))
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        anyhow::ensure!(kept == "technician\ntech", "the input was lost: {kept:?}");
        let map = c.find(Locator::Id("vocabulary-replacementMap")).await?;
        map.clear().await?;
        map.send_keys("technician = team member\ntech = dentist")
            .await?;
        c.find(Locator::Css(save_vocabulary)).await?.click().await?;
        page_with(&c, "Vocabulary saved.").await?;
        // A new way to say yes, one more line in the consent words.
        c.find(Locator::Id("consent-consentYesWords"))
            .await?
            .send_keys("\nyou betcha")
            .await?;
        c.find(Locator::Css(
            "form[action='/console/config/consent'] button[type=submit]",
        ))
        .await?
        .click()
        .await?;
        page_with(&c, "Consent saved.").await?;
        let (_, company) = app.call("GET", "/v1/companies/acme-hvac", &key, None).await;
        let fdb = &company["frontDeskBehavior"];
        anyhow::ensure!(
            fdb["vocabularyGuardrails"]["replacementMap"]
                == json!({"technician": "team member", "tech": "dentist"})
                && fdb["vocabularyGuardrails"]["forbiddenWords"] == json!(["technician", "tech"]),
            "{}",
            fdb["vocabularyGuardrails"]
        );
        let yes = fdb["discoveryConsent"]["consentYesWords"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        anyhow::ensure!(
            yes.last() == Some(&json!("you betcha")) && yes.len() == 10,
            "{yes:?}"
        );
        // The front desk speaks with it at once.
        c.goto(&format!("{}/console/playground?new=1", app.base))
            .await?;
        say(&c, "The thermostat is blank and there's water dripping").await?;
        let said = text_of(&c, "transcript").await?;
        anyhow::ensure!(
            said.contains("A team member can clear it") && !said.contains("technician"),
            "{said}"
        );

        // Quiet hours that end after they start are refused, naming the setting, and the
        // choice stays; the labels say which is which.
        c.goto(&format!("{}/console/config/cadence", app.base))
            .await?;
        let quiet = text_of(&c, "care-quiet-hours").await?;
        anyhow::ensure!(
            quiet.starts_with("Contact allowed from") && quiet.contains("until"),
            "{quiet}"
        );
        c.find(Locator::Id("care-quietHoursEnd"))
            .await?
            .select_by_value("22:00")
            .await?;
        let save = "form[action='/console/config/cadence'] button[type=submit]";
        c.find(Locator::Css(save)).await?.click().await?;
        page_with(&c, "care.quietHoursEnd").await?;
        let kept = c
            .find(Locator::Id("care-quietHoursEnd"))
            .await?
            .prop("value")
            .await?;
        anyhow::ensure!(kept.as_deref() == Some("22:00"), "{kept:?}");
        let (_, company) = app.call("GET", "/v1/companies/acme-hvac", &key, None).await;
        anyhow::ensure!(company["care"]["quietHoursEnd"] == 8, "{}", company["care"]);

        // A form posted with the session but not its CSRF token changes nothing.
        let session = c.get_named_cookie("aisha_console").await?;
        let resp = reqwest::Client::new()
            .post(format!("{}/console/config", app.base))
            .header("cookie", format!("aisha_console={}", session.value()))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("csrf=forged&name=Hacked&timezone=UTC")
            .send()
            .await?;
        anyhow::ensure!(resp.status() == 403, "a forged form got {}", resp.status());
        let (_, company) = app.call("GET", "/v1/companies/acme-hvac", &key, None).await;
        anyhow::ensure!(
            company["name"] == "Acme Heating & Air",
            "{}",
            company["name"]
        );
        Ok(())
    })
    .await;
}

/// The value of the form field `css` (inside `within`, a CSS scope).
async fn value_of(c: &Client, css: &str) -> anyhow::Result<String> {
    Ok(c.find(Locator::Css(css))
        .await?
        .prop("value")
        .await?
        .unwrap_or_default())
}

/// Replace what a field holds.
async fn fill(c: &Client, css: &str, text: &str) -> anyhow::Result<()> {
    let field = c.find(Locator::Css(css)).await?;
    field.clear().await?;
    if !text.is_empty() {
        field.send_keys(text).await?;
    }
    Ok(())
}

async fn click(c: &Client, css: &str) -> anyhow::Result<()> {
    c.find(Locator::Css(css)).await?.click().await?;
    Ok(())
}

/// Open the "Edit every field" part of a list item (a `<details>`), unless it is open.
async fn expand(c: &Client, item: &str) -> anyhow::Result<()> {
    let details = c
        .find(Locator::Css(&format!("{item} details.edit")))
        .await?;
    if details.attr("open").await?.is_none() {
        click(c, &format!("{item} details.edit > summary")).await?;
    }
    Ok(())
}

/// The slots' ids in the order the page lists them.
async fn slot_ids(c: &Client) -> anyhow::Result<Vec<String>> {
    let mut ids = Vec::new();
    for a in c.find_all(Locator::Css("article.slot")).await? {
        ids.push(a.attr("data-slot").await?.unwrap_or_default());
    }
    Ok(ids)
}

async fn stored(app: &TestApp, key: &str) -> serde_json::Value {
    app.call("GET", "/v1/companies/acme-hvac", key, None)
        .await
        .1
}

/// The audit log's `company.updated` payloads, oldest first.
async fn company_saves(app: &TestApp, key: &str) -> Vec<serde_json::Value> {
    let (_, log) = app
        .call("GET", "/v1/companies/acme-hvac/audit?limit=1000", key, None)
        .await;
    log.as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r["kind"] == "company.updated")
        .map(|r| serde_json::from_str(r["payload"].as_str().unwrap_or("{}")).unwrap_or_default())
        .collect()
}

async fn configuration_forms(width: u32) {
    run(&format!("config-forms-{width}"), |c, app, key| async move {
        c.set_window_size(width, if width < 600 { 844 } else { 1000 })
            .await?;
        sign_in(&c, &app.base, &key).await?;
        let base = app.base.clone();

        // Booking slots: each field of the contract as a form field.
        c.goto(&format!("{base}/console/config/slots")).await?;
        anyhow::ensure!(slot_ids(&c).await? == ["name", "phone", "address", "time"]);
        let name = "article[data-slot='name']";
        anyhow::ensure!(value_of(&c, &format!("{name} [name=question]")).await? == "May I have your name please?");
        anyhow::ensure!(value_of(&c, &format!("{name} [name='nameOptions.defaultAssumeSingleTokenAs']")).await? == "last");
        anyhow::ensure!(value_of(&c, "article[data-slot='phone'] [name=callerIdPrompt]").await? == "Is {value} the best number to reach you?");
        anyhow::ensure!(c.find(Locator::Css("article[data-slot='time'] [name=offerAsap]")).await?.prop("checked").await?.as_deref() == Some("true"));
        fits(&c, width).await?;

        // Add a slot of our own: it goes last, with an id made from its label.
        c.find(Locator::Id("add-slot-type")).await?.select_by_value("text").await?;
        fill(&c, "#add-slot-label", "Gate code").await?;
        fill(&c, "#add-slot-question", "Is there a gate code we should know about?").await?;
        click(&c, "#add-slot button[type=submit]").await?;
        page_with(&c, "Slot added").await?;
        anyhow::ensure!(slot_ids(&c).await? == ["name", "phone", "address", "time", "custom_gate_code"]);
        let slots = stored(&app, &key).await["frontDeskBehavior"]["bookingSlots"].clone();
        anyhow::ensure!(slots[4]["id"] == "custom_gate_code" && slots[4]["order"] == 5 && slots[4]["type"] == "text", "{slots}");
        fits(&c, width).await?;
        // The list on a desktop; on a phone, the new slot's form (where the redirect lands).
        if width >= 600 {
            c.execute("window.scrollTo(0, 0)", vec![]).await?;
        }
        readme_shot(&c, &format!("config-{width}")).await;

        // Reorder: up one, before the time.
        let gate = "article[data-slot='custom_gate_code']";
        click(&c, &format!("{gate} button.move-up")).await?;
        page_with(&c, "Slot moved").await?;
        anyhow::ensure!(slot_ids(&c).await? == ["name", "phone", "address", "custom_gate_code", "time"]);
        let slots = stored(&app, &key).await["frontDeskBehavior"]["bookingSlots"].clone();
        anyhow::ensure!(slots[3]["id"] == "custom_gate_code" && slots[3]["order"] == 4 && slots[4]["id"] == "time" && slots[4]["order"] == 5, "{slots}");

        // An empty question is refused: the error names the field, the input stays.
        expand(&c, gate).await?;
        fill(&c, &format!("{gate} [name=label]"), "Gate or door code").await?;
        fill(&c, &format!("{gate} [name=question]"), "").await?;
        click(&c, &format!("{gate} form.slot-form button[type=submit]")).await?;
        let page = page_with(&c, "Not saved").await?;
        anyhow::ensure!(page.contains("frontDeskBehavior.bookingSlots[3].question"), "the error does not name the field");
        anyhow::ensure!(text_of(&c, "slot3-question-error").await?.contains("must not be empty"));
        anyhow::ensure!(value_of(&c, &format!("{gate} [name=label]")).await? == "Gate or door code", "the label typed was lost");
        anyhow::ensure!(c.find(Locator::Css(&format!("{gate} [name=question]"))).await?.attr("aria-invalid").await?.as_deref() == Some("true"));
        fits(&c, width).await?;
        // Fixed, it saves.
        fill(&c, &format!("{gate} [name=question]"), "Is there a gate or door code?").await?;
        click(&c, &format!("{gate} form.slot-form button[type=submit]")).await?;
        page_with(&c, "Slot saved").await?;
        let slots = stored(&app, &key).await["frontDeskBehavior"]["bookingSlots"].clone();
        anyhow::ensure!(slots[3]["label"] == "Gate or door code" && slots[3]["question"] == "Is there a gate or door code?", "{slots}");

        // Remove it.
        click(&c, &format!("{gate} button.remove")).await?;
        page_with(&c, "Slot removed").await?;
        anyhow::ensure!(slot_ids(&c).await? == ["name", "phone", "address", "time"]);
        let slots = stored(&app, &key).await["frontDeskBehavior"]["bookingSlots"].clone();
        anyhow::ensure!(slots.as_array().map(Vec::len) == Some(4), "{slots}");

        // Scenarios: edit one's triggers and response.
        c.goto(&format!("{base}/console/config/scenarios")).await?;
        let first = "article.scenario[data-scenario='blank-thermostat']";
        expand(&c, first).await?;
        c.find(Locator::Css(&format!("{first} [name=triggers]"))).await?.send_keys("\nthermostat screen is dark").await?;
        fill(&c, &format!("{first} [name=response]"), "A dark thermostat with water nearby usually means a clogged drain line. A technician can clear it.").await?;
        click(&c, &format!("{first} button[type=submit]:not(.remove)")).await?;
        page_with(&c, "Scenario saved.").await?;
        let sc = stored(&app, &key).await["scenarios"][0].clone();
        anyhow::ensure!(
            sc["triggers"].as_array().and_then(|t| t.last()) == Some(&json!("thermostat screen is dark"))
                && sc["response"].as_str().is_some_and(|r| r.starts_with("A dark thermostat")),
            "{sc}"
        );
        fits(&c, width).await?;

        // Cadence in days and hours, in the order of a customer's journey.
        c.goto(&format!("{base}/console/config/cadence")).await?;
        let follow = text_of(&c, "care-followUpAfterHours-setting").await?;
        anyhow::ensure!(follow.starts_with("Follow up after") && follow.contains("days") && follow.ends_with("of silence"), "{follow}");
        anyhow::ensure!(value_of(&c, "#care-followUpAfterHours-days").await? == "2" && value_of(&c, "#care-followUpAfterHours-hours").await? == "0");
        let legends = c.find(Locator::Css("#cadence-form")).await?.text().await?;
        let at = |s: &str| legends.find(s).unwrap_or(usize::MAX);
        anyhow::ensure!(at("New and engaged leads") < at("Deciding") && at("Deciding") < at("Committed") && at("Committed") < at("At risk") && at("At risk") < at("Dormant and lost"), "not in journey order");
        fill(&c, "#care-followUpAfterHours-days", "1").await?;
        fill(&c, "#care-followUpAfterHours-hours", "6").await?;
        c.find(Locator::Id("care-quietHoursEnd")).await?.select_by_value("07:00").await?;
        fits(&c, width).await?;
        click(&c, "#cadence-form button[type=submit]").await?;
        page_with(&c, "Cadence saved.").await?;
        let care = stored(&app, &key).await["care"].clone();
        anyhow::ensure!(care["followUpAfterHours"] == 30 && care["quietHoursEnd"] == 7 && care["quietHoursStart"] == 21, "{care}");
        anyhow::ensure!(value_of(&c, "#care-followUpAfterHours-days").await? == "1" && value_of(&c, "#care-followUpAfterHours-hours").await? == "6");

        // Company: Twilio's auth token is write-only.
        c.goto(&format!("{base}/console/config")).await?;
        anyhow::ensure!(text_of(&c, "twilio-token-state").await? == "not set");
        fill(&c, "#company-twilio-accountSid", TWILIO_SID).await?;
        fill(&c, "#company-twilio-fromNumber", "(512) 555-0111").await?;
        fill(&c, "#company-twilio-authToken", TWILIO_TOKEN).await?;
        click(&c, "#company-form button[type=submit]").await?;
        let page = page_with(&c, "Company settings saved.").await?;
        anyhow::ensure!(!page.contains(TWILIO_TOKEN), "the page shows the token");
        anyhow::ensure!(text_of(&c, "twilio-token-state").await? == "set");
        anyhow::ensure!(value_of(&c, "#company-twilio-authToken").await?.is_empty());
        anyhow::ensure!(value_of(&c, "#company-twilio-fromNumber").await? == "+15125550111");
        anyhow::ensure!(app.signed_sms(TWILIO_TOKEN, "SMcfg1").await == 200, "the token is not the one typed");
        // Saved again with the field left empty, it keeps the token.
        fill(&c, "#company-name", "Acme Heating & Cooling").await?;
        click(&c, "#company-form button[type=submit]").await?;
        let page = page_with(&c, "Company settings saved.").await?;
        anyhow::ensure!(!page.contains(TWILIO_TOKEN), "the page shows the token");
        c.goto(&format!("{base}/console/config")).await?;
        anyhow::ensure!(!c.source().await?.contains(TWILIO_TOKEN), "the page shows the token");
        anyhow::ensure!(text_of(&c, "twilio-token-state").await? == "set");
        let company = stored(&app, &key).await;
        anyhow::ensure!(company["name"] == "Acme Heating & Cooling" && company["twilio"]["authTokenSet"] == true, "{company}");
        anyhow::ensure!(app.signed_sms(TWILIO_TOKEN, "SMcfg2").await == 200, "the token was lost");
        anyhow::ensure!(app.signed_sms("fedcba9876543210fedcba9876543210", "SMcfg3").await == 403);
        // The system of record's signing secret is write-only the same way.
        anyhow::ensure!(text_of(&c, "sor-secret-state").await? == "not set");
        fill(&c, "#company-systemOfRecord-webhookUrl", "https://sor.example.com/hooks").await?;
        fill(&c, "#company-systemOfRecord-signingSecret", SOR_SECRET).await?;
        click(&c, "#company-form button[type=submit]").await?;
        let page = page_with(&c, "Company settings saved.").await?;
        anyhow::ensure!(!page.contains(SOR_SECRET) && !page.contains(TWILIO_TOKEN));
        anyhow::ensure!(text_of(&c, "sor-secret-state").await? == "set");
        let company = stored(&app, &key).await;
        anyhow::ensure!(company["systemOfRecord"]["signingSecretSet"] == true && company["twilio"]["authTokenSet"] == true, "{company}");
        anyhow::ensure!(app.signed_sms(TWILIO_TOKEN, "SMcfg4").await == 200, "the token was lost");
        // The audit log says who saved each change, and which saved a new secret.
        let saves = company_saves(&app, &key).await;
        let n = saves.len();
        anyhow::ensure!(n >= 2 && saves.iter().all(|p| p["by"] == "company API key"), "{saves:?}");
        anyhow::ensure!(saves[n - 3]["secretsChanged"] == json!(["twilio.authToken"]), "{}", saves[n - 3]);
        anyhow::ensure!(saves[n - 2].get("secretsChanged").is_none(), "{}", saves[n - 2]);
        anyhow::ensure!(saves[n - 1]["secretsChanged"] == json!(["systemOfRecord.signingSecret"]), "{}", saves[n - 1]);
        anyhow::ensure!(!saves.iter().any(|p| p.to_string().contains(TWILIO_TOKEN) || p.to_string().contains(SOR_SECRET)));
        c.goto(&format!("{base}/console/audit")).await?;
        let audit = text_of(&c, "audit").await?;
        anyhow::ensure!(
            audit.contains("configuration saved by company API key · new secret: twilio.authToken")
                && audit.contains("new secret: systemOfRecord.signingSecret"),
            "{audit}"
        );
        anyhow::ensure!(!c.source().await?.contains(TWILIO_TOKEN));
        c.goto(&format!("{base}/console/config")).await?;

        // An unknown time zone: refused, named, and what was typed stays.
        fill(&c, "#company-timezone", "Mars/Olympus").await?;
        fill(&c, "#company-name", "Acme on Mars").await?;
        click(&c, "#company-form button[type=submit]").await?;
        page_with(&c, "Not saved").await?;
        anyhow::ensure!(text_of(&c, "config-error").await?.contains("timezone"));
        anyhow::ensure!(text_of(&c, "company-timezone-error").await?.contains("unknown IANA time zone"));
        anyhow::ensure!(value_of(&c, "#company-timezone").await? == "Mars/Olympus" && value_of(&c, "#company-name").await? == "Acme on Mars");
        fits(&c, width).await?;
        let company = stored(&app, &key).await;
        anyhow::ensure!(company["timezone"] == "America/Chicago" && company["name"] == "Acme Heating & Cooling", "{company}");
        // The configuration as JSON, for reading only, without the secret.
        let json_view = c.find(Locator::Css("#config-json pre")).await?.html(true).await?;
        anyhow::ensure!(json_view.contains("authTokenSet") && !json_view.contains(TWILIO_TOKEN));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn configuration_forms_at_a_phones_width() {
    configuration_forms(390).await;
}

#[tokio::test]
async fn configuration_forms_at_a_desktops_width() {
    configuration_forms(1280).await;
}

/// The web chat widget on a page served from another origin (a second local port), at a
/// phone's width: one `<script>` tag, a labelled input, a live log, the keyboard alone.
#[tokio::test]
async fn the_chat_widget_talks_to_the_front_desk_from_another_site() {
    run("web-chat", |c, app, key| async move {
        // The company's website: another origin, one script tag.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let site = format!("http://{}", listener.local_addr()?);
        // The operator allows the site and makes the key in the console's configuration.
        sign_in(&c, &app.base, &key).await?;
        c.goto(&format!("{}/console/config/web-chat", app.base))
            .await?;
        anyhow::ensure!(text_of(&c, "web-chat-key-state").await?.contains("none yet"));
        let origins = c.find(Locator::Id("webChat-allowedOrigins")).await?;
        origins.clear().await?;
        origins.send_keys(&site).await?;
        c.find(Locator::Css(
            "form[action='/console/config/web-chat/origins'] button[type=submit]",
        ))
        .await?
        .click()
        .await?;
        page_with(&c, "Web chat origins saved.").await?;
        c.find(Locator::Id("web-chat-reason"))
            .await?
            .send_keys("our new website")
            .await?;
        c.find(Locator::Css("form[action='/console/config/web-chat'] button[type=submit]"))
            .await?
            .click()
            .await?;
        page_with(&c, "shown once").await?;
        let pk = text_of(&c, "publishable-key").await?;
        anyhow::ensure!(pk.starts_with("pk_acme-hvac_"), "{pk}");
        anyhow::ensure!(text_of(&c, "embed-snippet").await?.contains(&pk));
        anyhow::ensure!(text_of(&c, "web-chat-key-state").await?.contains("set"));
        let page = format!(
            "<!doctype html><html lang=en><head><meta name=viewport content=\"width=device-width\">\
             <title>Acme HVAC</title></head><body><h1>Acme HVAC</h1>\
             <script src=\"{}/widget.js\" data-key=\"{pk}\" async></script></body></html>",
            app.base
        );
        let site_app = axum::Router::new().route(
            "/",
            axum::routing::get(move || {
                let page = page.clone();
                async move { axum::response::Html(page) }
            }),
        );
        tokio::spawn(async move { axum::serve(listener, site_app).await });

        c.set_window_size(390, 844).await?;
        c.goto(&format!("{site}/")).await?;
        let launcher = c.wait().for_element(Locator::Id("aisha-chat-open")).await?;
        anyhow::ensure!(launcher.attr("aria-expanded").await?.as_deref() == Some("false"));
        launcher.click().await?;
        // The greeting arrives in the live log; the input has a label and takes focus.
        let log = c.find(Locator::Id("aisha-chat-log")).await?;
        anyhow::ensure!(log.attr("aria-live").await?.as_deref() == Some("polite"));
        anyhow::ensure!(log.attr("role").await?.as_deref() == Some("log"));
        wait_for_lines(&c, 1).await?;
        let label = c
            .find(Locator::Css("label[for=aisha-chat-input]"))
            .await?;
        anyhow::ensure!(label.html(true).await? == "Your message");
        let focused = c
            .execute("return document.activeElement.id", vec![])
            .await?;
        anyhow::ensure!(focused == json!("aisha-chat-input"), "focus on {focused}");
        // At a phone's width the panel fits the screen.
        let width = c
            .execute(
                "return [document.getElementById('aisha-chat-panel').getBoundingClientRect().width, window.innerWidth]",
                vec![],
            )
            .await?;
        anyhow::ensure!(
            width[0].as_f64() <= width[1].as_f64(),
            "panel wider than the screen: {width}"
        );

        // Typed and sent with Enter alone.
        c.find(Locator::Id("aisha-chat-input"))
            .await?
            .send_keys("My AC stopped working\u{E007}")
            .await?;
        let lines = wait_for_lines(&c, 3).await?;
        anyhow::ensure!(lines[1] == "My AC stopped working", "{lines:?}");
        anyhow::ensure!(
            lines[2].contains("schedule"),
            "the front desk did not answer: {lines:?}"
        );
        readme_shot(&c, "web-chat").await;
        // Escape closes the panel and gives focus back to the launcher.
        c.find(Locator::Id("aisha-chat-input"))
            .await?
            .send_keys("\u{E00C}")
            .await?;
        let focused = c
            .execute("return document.activeElement.id", vec![])
            .await?;
        anyhow::ensure!(focused == json!("aisha-chat-open"), "focus on {focused}");
        Ok(())
    })
    .await;
}

/// The chat log's lines once there are at least `n`.
async fn wait_for_lines(c: &Client, n: usize) -> anyhow::Result<Vec<String>> {
    let mut last = Vec::new();
    for _ in 0..100 {
        let mut lines = Vec::new();
        for li in c.find_all(Locator::Css("#aisha-chat-log li")).await? {
            lines.push(li.text().await?);
        }
        if lines.len() >= n {
            return Ok(lines);
        }
        last = lines;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    anyhow::bail!("the chat log never had {n} lines: {last:?}")
}

/// What a day leaves behind: a booked call, a known caller's pricing question, a text sent
/// through Twilio, webhooks to the system of record, 31 customers, the kill switch on.
async fn a_day(app: &TestApp, key: &str) -> anyhow::Result<Received> {
    let (twilio, _) = fake_peer(
        &format!("/2010-04-01/Accounts/{TWILIO_SID}/Messages.json"),
        vec![],
        201,
    )
    .await;
    let (sor, received) = fake_peer("/hooks", vec![], 200).await;
    let patch = json!({
        "twilio": {"accountSid": TWILIO_SID, "authToken": TWILIO_TOKEN, "fromNumber": "+15125550111"},
        "systemOfRecord": {"webhookUrl": format!("{sor}/hooks"), "signingSecret": "console-browser-test-signing-secret"},
    });
    let mut company: serde_json::Value = app
        .call("GET", "/v1/companies/acme-hvac", key, None)
        .await
        .1;
    for (k, v) in patch.as_object().unwrap() {
        company[k] = v.clone();
    }
    let resp = app
        .http
        .put(format!("{}/v1/companies/acme-hvac", app.base))
        .bearer_auth(ADMIN)
        .body(company.to_string())
        .send()
        .await?;
    let status = resp.status();
    anyhow::ensure!(
        status.is_success(),
        "company update: {status} {}",
        resp.text().await.unwrap_or_default()
    );
    let customers = "/v1/companies/acme-hvac/customers";
    let (status, body) = app
        .call(
            "PUT",
            &format!("{customers}/dana"),
            key,
            Some(json!({"firstName": "Dana", "lastName": "Whitfield", "phone": "555-123-4567", "state": "Evaluating"})),
        )
        .await;
    anyhow::ensure!(status == 200, "{body}");
    // Thirty more, ids that sort wrongly as text (c1, c10, c100…): the list goes by name.
    let names = [
        "Ava", "Ben", "Cora", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivan", "Jo",
    ];
    for i in 1..=30 {
        let body = json!({"firstName": names[i % 10], "lastName": format!("Lee{i:02}"), "phone": format!("+1555200{i:04}"), "state": if i % 3 == 0 { "Active" } else { "Engaged" }});
        let (status, body) = app
            .call("PUT", &format!("{customers}/c{i}"), key, Some(body))
            .await;
        anyhow::ensure!(status == 200, "{body}");
    }
    // A booked call from Dana's phone, and a pricing question from the same number.
    let now = jiff::Timestamp::now();
    let call: aisha_core::ConversationId = "call-CA100".parse()?;
    for line in GOLDEN {
        app.service
            .turn(
                aisha::service::Turn::new("acme-hvac", &call, line, now)
                    .caller(Some("+15551234567")),
            )
            .await?;
    }
    let text: aisha_core::ConversationId = "sms-5551234567".parse()?;
    for line in [
        "My furnace is making a banging noise",
        "How much would a new furnace cost me?",
    ] {
        app.service
            .turn(
                aisha::service::Turn::new("acme-hvac", &text, line, now)
                    .caller(Some("+15551234567")),
            )
            .await?;
    }
    let (status, body) = app
        .call(
            "POST",
            &format!("{customers}/dana/actions"),
            key,
            Some(json!({"action": "send_message", "text": "See you Tuesday at 8", "by": "owner"})),
        )
        .await;
    anyhow::ensure!(status == 200, "{body}");
    // The worker sends what was queued: Twilio and the system of record both answer.
    let channels = aisha::worker::Channels::new(&twilio).allow_private_webhooks(true);
    aisha::worker::send_due(&app.service, &channels, "w1", jiff::Timestamp::now(), 100).await?;
    let (status, body) = app
        .call(
            "PUT",
            "/v1/companies/acme-hvac/controls",
            key,
            Some(json!({"killSwitch": true, "shadowMode": true, "reason": "Storm week"})),
        )
        .await;
    anyhow::ensure!(status == 200, "{body}");
    Ok(received)
}

/// Every time on the page reads like "Tue 24 Nov, 8:00 AM CST" in the company's zone.
async fn times_are_local(c: &Client) -> anyhow::Result<()> {
    let times = c.find_all(Locator::Css("time")).await?;
    anyhow::ensure!(!times.is_empty(), "no times on the page");
    let days = ["Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ", "Sun "];
    for t in times {
        let text = t.text().await?;
        let (clock, relative) = text.split_once(" · ").unwrap_or((&text, ""));
        let ok = days.iter().any(|d| clock.starts_with(d))
            && (clock.ends_with(" AM CST")
                || clock.ends_with(" PM CST")
                || clock.ends_with(" AM CDT")
                || clock.ends_with(" PM CDT"))
            && clock.contains(", ")
            && (relative == "just now"
                || relative.ends_with(" ago")
                || relative.starts_with("in "));
        anyhow::ensure!(ok, "a time reads {text:?}");
    }
    Ok(())
}

/// At a phone's width nothing is wider than the screen.
async fn fits(c: &Client, width: u32) -> anyhow::Result<()> {
    let w = c
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth]",
            vec![],
        )
        .await?;
    anyhow::ensure!(
        w[0].as_f64() <= w[1].as_f64(),
        "the page scrolls sideways at {width} px: {w}"
    );
    Ok(())
}

async fn dispatcher_pages(width: u32) {
    run(&format!("dispatcher-{width}"), |c, app, key| async move {
        let sor = a_day(&app, &key).await?;
        anyhow::ensure!(
            !sor.all().is_empty(),
            "nothing reached the system of record"
        );
        c.set_window_size(width, if width < 600 { 844 } else { 1000 })
            .await?;
        sign_in(&c, &app.base, &key).await?;
        let shot = |name: &str| format!("{name}-{width}");

        // The kill switch and shadow mode are on: every page says so.
        anyhow::ensure!(text_of(&c, "banner-kill-switch")
            .await?
            .contains("Kill switch is on"));
        anyhow::ensure!(text_of(&c, "banner-shadow-mode")
            .await?
            .contains("nothing it decides is sent"));
        // The escalation names the customer and links to her page.
        let page = c.source().await?;
        anyhow::ensure!(page.contains("pricing question"), "no escalation");
        times_are_local(&c).await?;
        fits(&c, width).await?;
        readme_shot(&c, &shot("escalations")).await;
        let link = c.find(Locator::Css("a.customer-link")).await?;
        anyhow::ensure!(
            link.text().await? == "Dana Whitfield",
            "{}",
            link.text().await?
        );
        link.click().await?;
        page_with(&c, "All customers").await?;
        anyhow::ensure!(c.current_url().await?.path() == "/console/customers/dana");
        anyhow::ensure!(text_of(&c, "customer-phone").await? == "(555) 123-4567");
        anyhow::ensure!(
            c.source().await?.contains("sent by text"),
            "the text's channel is not shown"
        );
        anyhow::ensure!(c.find(Locator::Id("banner-kill-switch")).await.is_ok());
        // The caller's number as a link (older escalations) finds her too.
        c.goto(&format!("{}/console/customers/+15551234567", app.base))
            .await?;
        anyhow::ensure!(c.current_url().await?.path() == "/console/customers/dana");
        c.goto(&format!("{}/console/customers/nobody-here", app.base))
            .await?;
        c.find(Locator::LinkText("Back to the console")).await?;

        // Bookings: who, where, when, what, and that the system of record has it.
        c.goto(&format!("{}/console/bookings", app.base)).await?;
        let card = c
            .find(Locator::Css("article.booking"))
            .await?
            .text()
            .await?;
        for want in [
            "John Subach",
            "(555) 123-4567",
            "123 Main Street",
            "sent to your system of record",
            "Call",
        ] {
            anyhow::ensure!(card.contains(want), "the booking lacks {want:?}: {card}");
        }
        times_are_local(&c).await?;
        fits(&c, width).await?;
        readme_shot(&c, &shot("bookings")).await;
        c.find(Locator::Css("article.booking a"))
            .await?
            .click()
            .await?;
        page_with(&c, "Transcript").await?;
        let transcript = text_of(&c, "transcript").await?;
        anyhow::ensure!(transcript.contains("As soon as possible"), "{transcript}");
        fits(&c, width).await?;
        readme_shot(&c, &shot("conversation")).await;

        // A conversation still going updates itself (JavaScript on; without it, a reload).
        c.goto(&format!(
            "{}/console/conversations/sms-5551234567",
            app.base
        ))
        .await?;
        app.service
            .turn(
                aisha::service::Turn::new(
                    "acme-hvac",
                    &"sms-5551234567".parse()?,
                    "Also the pilot light keeps going out",
                    jiff::Timestamp::now(),
                )
                .caller(Some("+15551234567")),
            )
            .await?;
        let mut live = false;
        for _ in 0..300 {
            if text_of(&c, "transcript").await?.contains("pilot light") {
                live = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        anyhow::ensure!(live, "the transcript did not refresh itself");
        anyhow::ensure!(
            c.current_url().await?.path() == "/console/conversations/sms-5551234567",
            "it navigated instead"
        );

        // Conversations: the call and the text, each with its channel.
        c.goto(&format!("{}/console/conversations", app.base))
            .await?;
        let list = c.find(Locator::Css("table.list")).await?.text().await?;
        anyhow::ensure!(list.contains("Call") && list.contains("Text"), "{list}");
        anyhow::ensure!(
            list.contains("Also the pilot light keeps going out")
                && list.contains("Dana Whitfield"),
            "{list}"
        );
        anyhow::ensure!(list.contains("live"), "the text is not shown live: {list}");
        anyhow::ensure!(text_of(&c, "pager-status").await? == "Showing 1–2 of 2");
        fits(&c, width).await?;
        readme_shot(&c, &shot("conversations")).await;

        // Outbox: the text went to Twilio in E.164, shown as a person reads it.
        c.goto(&format!("{}/console/outbox", app.base)).await?;
        let outbox = text_of(&c, "outbox").await?;
        for want in [
            "Text (Twilio)",
            "(555) 123-4567",
            "See you Tuesday at 8",
            "sent",
            "Webhook",
            "SM123",
        ] {
            anyhow::ensure!(outbox.contains(want), "the outbox lacks {want:?}: {outbox}");
        }
        times_are_local(&c).await?;
        fits(&c, width).await?;
        readme_shot(&c, &shot("outbox")).await;

        // Customers: by name, 25 a page, searchable, filtered by state.
        c.goto(&format!("{}/console/customers", app.base)).await?;
        anyhow::ensure!(text_of(&c, "pager-status").await? == "Showing 1–25 of 31");
        let first = c
            .find(Locator::Css("#customers tbody tr td a"))
            .await?
            .text()
            .await?;
        anyhow::ensure!(first == "Ava Lee10", "the list starts with {first:?}");
        fits(&c, width).await?;
        readme_shot(&c, &shot("customers")).await;
        c.find(Locator::Css("a[rel=next]")).await?.click().await?;
        page_with(&c, "Showing 26–31 of 31").await?;
        c.goto(&format!("{}/console/customers", app.base)).await?;
        c.find(Locator::Id("q")).await?.send_keys("whit").await?;
        c.find(Locator::Css("form.filters button[type=submit]"))
            .await?
            .click()
            .await?;
        page_with(&c, "Showing 1–1 of 1").await?;
        anyhow::ensure!(c
            .find(Locator::Css("#customers tbody"))
            .await?
            .text()
            .await?
            .contains("Dana Whitfield"));
        c.goto(&format!("{}/console/customers?q=555-200-0007", app.base))
            .await?;
        anyhow::ensure!(text_of(&c, "pager-status").await? == "Showing 1–1 of 1");
        c.goto(&format!("{}/console/customers", app.base)).await?;
        let select = c.find(Locator::Id("state-filter")).await?;
        select.select_by_value("Active").await?;
        c.find(Locator::Css("form.filters button[type=submit]"))
            .await?
            .click()
            .await?;
        page_with(&c, "Showing 1–10 of 10").await?;

        // The audit log: paged, in words, no raw JSON.
        c.goto(&format!("{}/console/audit", app.base)).await?;
        anyhow::ensure!(text_of(&c, "audit-verdict")
            .await?
            .starts_with("Chain intact"));
        let audit = text_of(&c, "audit").await?;
        anyhow::ensure!(audit.contains("Storm week"), "{audit}");
        anyhow::ensure!(!audit.contains("{\""), "raw JSON in the audit log: {audit}");
        anyhow::ensure!(text_of(&c, "pager-status")
            .await?
            .starts_with("Showing 1–25 of "));
        times_are_local(&c).await?;
        fits(&c, width).await?;
        readme_shot(&c, &shot("audit")).await;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_pages_a_dispatcher_lives_in_at_a_phones_width() {
    dispatcher_pages(390).await;
}

#[tokio::test]
async fn the_pages_a_dispatcher_lives_in_at_a_desktops_width() {
    dispatcher_pages(1280).await;
}

/// The page that was 110,000 px tall with 3,000 customers: 25 rows, a total, a search that
/// finds one of them. Prints how long the server took and how tall the page is.
#[tokio::test]
async fn three_thousand_customers_make_one_short_page() {
    run("customers-3000", |c, app, key| async move {
        let now = jiff::Timestamp::now();
        let seeded = std::time::Instant::now();
        for i in 0..3000 {
            let customer = aisha_core::care::Customer {
                id: format!("c{i}"),
                first_name: Some(format!("Name{i:04}")),
                last_name: Some("Smith".into()),
                phone: Some(format!("+1555{i:07}")),
                ..Default::default()
            };
            app.service
                .upsert_customer("acme-hvac", customer, aisha_core::care::CareState::Engaged, now)
                .await?;
        }
        eprintln!("seeded 3,000 customers in {:?}", seeded.elapsed());
        sign_in(&c, &app.base, &key).await?;
        c.goto(&format!("{}/console/customers", app.base)).await?;
        anyhow::ensure!(text_of(&c, "pager-status").await? == "Showing 1–25 of 3,000");
        let rows = c.find_all(Locator::Css("#customers tbody tr")).await?;
        anyhow::ensure!(rows.len() == 25, "{} rows", rows.len());
        let first = c.find(Locator::Css("#customers tbody tr td a")).await?.text().await?;
        anyhow::ensure!(first == "Name0000 Smith", "{first}");
        let m = c
            .execute(
                "const n = performance.getEntriesByType('navigation')[0]; \
                 return [document.documentElement.scrollHeight, n.responseEnd - n.requestStart];",
                vec![],
            )
            .await?;
        eprintln!("customers page at 1280 px: {} px tall, served in {} ms", m[0], m[1]);
        anyhow::ensure!(m[0].as_f64().unwrap_or(f64::MAX) < 4000.0, "{m}");
        c.goto(&format!("{}/console/customers?q=name2999&page=1", app.base)).await?;
        anyhow::ensure!(text_of(&c, "pager-status").await? == "Showing 1–1 of 1");
        let m = c
            .execute(
                "const n = performance.getEntriesByType('navigation')[0]; return n.responseEnd - n.requestStart;",
                vec![],
            )
            .await?;
        eprintln!("a search among 3,000 served in {m} ms");
        c.goto(&format!("{}/console/customers?page=120", app.base)).await?;
        anyhow::ensure!(text_of(&c, "pager-status").await? == "Showing 2,976–3,000 of 3,000");
        Ok(())
    })
    .await;
}
