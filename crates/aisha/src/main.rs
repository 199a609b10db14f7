use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use aisha::conformance;
use aisha::llm::{OpenAiCompatible, Speaker};
use aisha::service::Service;
use aisha::store::sqlite;
use aisha::web::{self, AppState};
use aisha_core::signals;
use clap::{Args, Parser, Subcommand};
use jiff::Timestamp;

#[derive(Parser)]
#[command(
    name = "aisha",
    version,
    about = "AiSHA: the autonomous front desk and Customer C.A.R.E. engine"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP service (embedded SQLite by default, with the demo company), the Hands-Off
    /// scheduler and the delivery worker.
    Serve(Box<ServeArgs>),
    /// Print a fresh server key (64 hex characters) for `AISHA_SECRET_KEY` or `--secret-key-file`.
    Keygen,
    /// The audit log.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Make a one-time console sign-in link for a person (an invitation, or a way back in for
    /// an owner who lost their password): run on the server, it acts as an owner.
    Invite {
        #[command(flatten)]
        at: AuditTarget,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// owner, operator or viewer.
        #[arg(long, default_value = "owner")]
        role: aisha::service::Role,
        /// The console's public URL, for the printed link.
        #[arg(
            long,
            env = "AISHA_PUBLIC_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        public_url: String,
    },
    /// Talk to the receptionist in the terminal.
    Chat {
        #[arg(long)]
        company: PathBuf,
        #[arg(long)]
        caller_id: Option<String>,
        /// Keep the conversation in this database file so it survives a restart.
        #[arg(long, default_value = "aisha-chat.db")]
        database: PathBuf,
        #[arg(long, default_value = "terminal")]
        conversation: aisha_core::ConversationId,
        #[command(flatten)]
        llm: LlmArgs,
    },
    /// Measure understanding on the labeled corpus: per-task figures and worst confusions.
    Eval {
        /// The corpus root (holds each task's JSONL file and `floors.json`).
        #[arg(default_value = "corpus")]
        corpus: PathBuf,
        /// Which examples to score: heldout (what the floors hold), train, or all.
        #[arg(long, default_value = "heldout", value_parser = ["heldout", "train", "all"])]
        split: String,
        /// Print JSON for machines instead of a table.
        #[arg(long)]
        json: bool,
        /// Fail when a figure misses its floor in `<corpus>/floors.json`.
        #[arg(long)]
        check_floors: bool,
        /// Only tasks whose name starts with this.
        #[arg(long)]
        task: Option<String>,
    },
    /// Run the signal detector on a text (or a JSONL file of {"text": ...}).
    Classify {
        text: Option<String>,
        #[arg(long)]
        jsonl: Option<PathBuf>,
    },
    /// Run a synthetic customer population through the C.A.R.E. engine on a virtual clock.
    Simulate {
        #[arg(long, default_value_t = 1000)]
        customers: usize,
        #[arg(long, default_value_t = 90)]
        days: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Company JSON (default: the demo HVAC company).
        #[arg(long)]
        company: Option<PathBuf>,
        /// First simulated instant (RFC 3339).
        #[arg(long, default_value = "2026-03-02T06:00:00Z")]
        start: Timestamp,
        /// Folder for states.csv and states.svg.
        #[arg(long, default_value = "simulation")]
        out: PathBuf,
    },
    /// Print the C.A.R.E. policy table as Markdown (docs/POLICY.md).
    Policy,
    /// Conformance cases (FORMAT.md).
    Conformance {
        #[command(subcommand)]
        action: ConformanceAction,
    },
}

#[derive(Subcommand)]
enum AuditAction {
    /// Check a company's keyed hash chain, its head and the append-only triggers (and a
    /// checkpoint taken earlier); names every tampering found. Exit status 1 when tampered.
    Verify {
        #[command(flatten)]
        at: AuditTarget,
        /// A checkpoint file from `aisha audit checkpoint`: the log must still extend it.
        #[arg(long)]
        checkpoint: Option<PathBuf>,
        /// Print the verdict as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a signed checkpoint of the company's chain head (JSON, ed25519) to keep outside
    /// the database; refused when the chain does not verify.
    Checkpoint {
        #[command(flatten)]
        at: AuditTarget,
    },
}

/// Which company's chain, in which database, with which server key (the same as `serve`).
#[derive(Args)]
struct AuditTarget {
    #[arg(long)]
    company: String,
    #[arg(long, env = "AISHA_DATABASE", default_value = "aisha.db")]
    database: String,
    /// The server key file (`AISHA_SECRET_KEY` may hold the key itself); beside a SQLite
    /// database the default is `<database>.secret-key`.
    #[arg(long, env = "AISHA_SECRET_KEY_FILE")]
    secret_key_file: Option<PathBuf>,
}

impl AuditTarget {
    /// The service over the database with the deployment's key. The default key file is only
    /// read, never created: a new key could not verify anything.
    async fn service(&self) -> anyhow::Result<Service> {
        let default = default_key_file(&self.database).filter(|p| p.exists());
        let key = aisha::server_key::ServerKey::load(
            std::env::var(aisha::server_key::ENV_KEY).ok().as_deref(),
            self.secret_key_file.as_deref(),
            default.as_deref(),
        )?;
        Ok(Service::new(aisha::store::open(&self.database).await?, None).with_server_key(key))
    }
}

/// Beside a SQLite database, `<database>.secret-key`; PostgreSQL has no default.
fn default_key_file(database: &str) -> Option<PathBuf> {
    match aisha::store::location(database) {
        aisha::store::Location::Sqlite(p) => Some(p.with_extension("secret-key")),
        aisha::store::Location::Postgres(_) => None,
    }
}

#[derive(Subcommand)]
enum ConformanceAction {
    /// Run case files or folders (recursively, *.yaml).
    Run {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

#[derive(Args)]
struct LlmArgs {
    /// OpenAI-compatible base URL (e.g. http://127.0.0.1:11434/v1); none: embedded responder.
    #[arg(long, env = "AISHA_LLM_BASE_URL")]
    llm_base_url: Option<String>,
    #[arg(long, env = "AISHA_LLM_MODEL", default_value = "gpt-4o-mini")]
    llm_model: String,
    #[arg(long, env = "AISHA_LLM_API_KEY", hide_env_values = true)]
    llm_api_key: Option<String>,
    #[arg(long, env = "AISHA_LLM_TIMEOUT_MS", default_value_t = 4000)]
    llm_timeout_ms: u64,
    /// Also ask the LLM about customers' messages the detector did not escalate (it may add an
    /// escalation, never remove one).
    #[arg(long, env = "AISHA_LLM_SECOND_OPINION")]
    llm_second_opinion: bool,
}

impl LlmArgs {
    fn client(&self) -> anyhow::Result<Option<Arc<OpenAiCompatible>>> {
        Ok(match &self.llm_base_url {
            Some(url) => Some(Arc::new(
                OpenAiCompatible::new(
                    url,
                    &self.llm_model,
                    self.llm_api_key.clone(),
                    Duration::from_millis(self.llm_timeout_ms),
                )
                .map_err(anyhow::Error::msg)?,
            )),
            None => None,
        })
    }

    fn speaker(&self) -> anyhow::Result<Option<Arc<dyn Speaker>>> {
        Ok(self.client()?.map(|c| c as Arc<dyn Speaker>))
    }

    /// The service with the speaker and, when asked for, the second opinion.
    fn service(&self, store: Arc<dyn aisha::store::Store>) -> anyhow::Result<Service> {
        let client = self.client()?;
        let mut service = Service::new(store, client.clone().map(|c| c as Arc<dyn Speaker>));
        if self.llm_second_opinion {
            let Some(c) = client else {
                anyhow::bail!("--llm-second-opinion needs --llm-base-url");
            };
            service = service.with_second_opinion(c);
        }
        Ok(service)
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("AISHA_LOG")
                .unwrap_or_else(|_| "warn,aisha=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    match rt.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Conformance {
            action: ConformanceAction::Run { paths },
        } => {
            let files = match conformance::collect(&paths) {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("error: {e}");
                    println!("0 passed, 1 failed");
                    return Ok(ExitCode::FAILURE);
                }
            };
            let (mut passed, mut failed) = (0, 0);
            for f in files {
                let report = conformance::run_file(&f).await;
                if report.passed() {
                    passed += 1;
                } else {
                    failed += 1;
                    println!("FAIL {} ({})", report.file.display(), report.name);
                    for line in &report.failures {
                        println!("  {line}");
                    }
                }
            }
            println!("{passed} passed, {failed} failed");
            Ok(if failed == 0 && passed > 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Eval {
            corpus,
            split,
            json,
            check_floors,
            task,
        } => eval(corpus, &split, json, check_floors, task.as_deref()),
        Command::Classify { text, jsonl } => classify(text, jsonl),
        Command::Policy => {
            print!("{}", aisha_core::care::policy::markdown_document());
            Ok(ExitCode::SUCCESS)
        }
        Command::Simulate {
            customers,
            days,
            seed,
            company,
            start,
            out,
        } => simulate(customers, days, seed, company, start, out),
        Command::Chat {
            company,
            caller_id,
            database,
            conversation,
            llm,
        } => chat(company, caller_id, database, conversation, llm).await,
        Command::Serve(args) => serve(*args).await,
        Command::Keygen => {
            println!("{}", aisha::server_key::ServerKey::generate().to_hex());
            Ok(ExitCode::SUCCESS)
        }
        Command::Audit {
            action:
                AuditAction::Verify {
                    at,
                    checkpoint,
                    json,
                },
        } => {
            let checkpoint = match &checkpoint {
                Some(p) => {
                    let text = std::fs::read_to_string(p)
                        .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
                    Some(
                        serde_json::from_str::<aisha::service::Checkpoint>(&text).map_err(|e| {
                            anyhow::anyhow!("{}: not a checkpoint: {e}", p.display())
                        })?,
                    )
                }
                None => None,
            };
            let v = at
                .service()
                .await?
                .verify_audit(&at.company, checkpoint.as_ref())
                .await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&v)?);
            } else if v.intact() {
                let legacy = match v.chain.legacy {
                    0 => String::new(),
                    n => format!(" ({n} written before the chain was keyed, sealed)"),
                };
                println!(
                    "audit chain of {}: {} records{legacy}, intact",
                    v.company, v.chain.records
                );
            } else {
                println!(
                    "audit chain of {}: TAMPERED ({} records read)",
                    v.company, v.chain.records
                );
                for t in &v.chain.tampering {
                    println!("  - {t}");
                }
            }
            Ok(if v.intact() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Invite {
            at,
            email,
            name,
            role,
            public_url,
        } => {
            let service = at.service().await?;
            let who = service.command_line_owner(&at.company).await?;
            let now = Timestamp::now();
            let email_lower = email.trim().to_lowercase();
            let existing = service
                .operators(&who)
                .await?
                .into_iter()
                .find(|o| o.email == email_lower && o.removed_at.is_none());
            let inv = match existing {
                Some(o) => {
                    // The recovery path can also restore an owner.
                    if o.role != role {
                        service.change_role(&who, &o.operator_id, role, now).await?;
                    }
                    service.renew_invitation(&who, &o.operator_id, now).await?
                }
                None => {
                    service
                        .invite_operator(&who, &email, &name, role, now)
                        .await?
                }
            };
            println!(
                "{} ({}, {}) at {}: {}/console/invite/{}",
                inv.operator.name,
                inv.operator.email,
                inv.operator.role,
                at.company,
                public_url.trim_end_matches('/'),
                inv.token
            );
            eprintln!(
                "The link works once, for {} days.",
                aisha::service::INVITE_DAYS
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Audit {
            action: AuditAction::Checkpoint { at },
        } => {
            let service = at.service().await?;
            match service
                .audit_checkpoint(&at.company, Timestamp::now())
                .await?
            {
                Ok(cp) => {
                    println!("{}", serde_json::to_string_pretty(&cp)?);
                    Ok(ExitCode::SUCCESS)
                }
                Err(v) => {
                    eprintln!(
                        "audit chain of {} does not verify; no checkpoint:",
                        v.company
                    );
                    for t in &v.chain.tampering {
                        eprintln!("  - {t}");
                    }
                    Ok(ExitCode::FAILURE)
                }
            }
        }
    }
}

fn simulate(
    customers: usize,
    days: u32,
    seed: u64,
    company: Option<PathBuf>,
    start: Timestamp,
    out: PathBuf,
) -> anyhow::Result<ExitCode> {
    if customers == 0 || days == 0 {
        anyhow::bail!("--customers and --days must be at least 1");
    }
    let raw = match &company {
        Some(p) => {
            std::fs::read_to_string(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?
        }
        None => aisha::DEMO_COMPANY.to_owned(),
    };
    let company = aisha_core::Company::from_json(&raw)?.company.validated()?;
    let bar = indicatif::ProgressBar::new(days as u64).with_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} simulating day {pos}/{len} [{bar:40}] {elapsed} (eta {eta})",
        )?
        .progress_chars("=> "),
    );
    let cfg = aisha::simulate::SimConfig {
        customers,
        days,
        seed,
        start,
    };
    let started = std::time::Instant::now();
    let report = aisha::simulate::simulate(&company, &cfg, |d| bar.set_position(d as u64));
    bar.finish_and_clear();
    let elapsed = started.elapsed();
    std::fs::create_dir_all(&out).map_err(|e| anyhow::anyhow!("{}: {e}", out.display()))?;
    std::fs::write(out.join("states.csv"), report.csv())?;
    std::fs::write(out.join("states.svg"), report.svg())?;
    print!("{}", report.table());
    println!(
        "simulated {customers} customers over {days} days in {:.2}s; wrote {} and {}",
        elapsed.as_secs_f64(),
        out.join("states.csv").display(),
        out.join("states.svg").display()
    );
    Ok(if report.violations.total() == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!("error: the engine violated a gate (see violations above)");
        ExitCode::FAILURE
    })
}

/// Print to stdout; a closed pipe (the reader has all it wants) is not an error.
fn print_quietly(text: &str) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

fn eval(
    corpus: PathBuf,
    split: &str,
    json: bool,
    check_floors: bool,
    only: Option<&str>,
) -> anyhow::Result<ExitCode> {
    use aisha_core::eval::{self, Split, SplitFilter};
    let filter = match split {
        "train" => SplitFilter::Only(Split::Train),
        "all" => SplitFilter::All,
        _ => SplitFilter::Only(Split::Heldout),
    };
    let mut reports = Vec::new();
    for task in eval::tasks() {
        if only.is_some_and(|p| !task.name.starts_with(p)) {
            continue;
        }
        let path = corpus.join(task.file);
        // A corpus may hold only some tasks' files (the probe set has no `written` files); a
        // task without its file is skipped, and a floor it holds reports it missing.
        if !path.exists() {
            eprintln!(
                "{}: not in this corpus, task {} skipped",
                path.display(),
                task.name
            );
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        reports.push((task.run)(task, &text, filter).map_err(|e| anyhow::anyhow!("{e}"))?);
    }
    let floors_path = corpus.join("floors.json");
    let misses = if check_floors {
        let text = std::fs::read_to_string(&floors_path)
            .map_err(|e| anyhow::anyhow!("{}: {e}", floors_path.display()))?;
        let mut floors: eval::Floors = serde_json::from_str(&text)
            .map_err(|e| anyhow::anyhow!("{}: {e}", floors_path.display()))?;
        if let Some(p) = only {
            floors.retain(|k, _| k.starts_with(p));
        }
        eval::check_floors(&reports, &floors)
    } else {
        Vec::new()
    };
    // Written at once, so a reader that stops early (`| head`) ends the output quietly.
    use std::fmt::Write as _;
    let mut out = String::new();
    if json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "split": filter.name(),
                "tasks": reports,
                "floorMisses": misses,
            }))?
        )?;
    } else {
        writeln!(out, "split: {}", filter.name())?;
        for r in &reports {
            writeln!(out, "\n{} ({} examples)", r.task, r.examples)?;
            for m in &r.metrics {
                let dir = if m.higher_is_better { "↑" } else { "↓" };
                writeln!(out, "  {:<32} {:>8.4} {dir}  (n={})", m.name, m.value, m.n)?;
            }
            for c in r.confusions.iter().take(8) {
                writeln!(
                    out,
                    "  ✗ {:>4}× expected {:?}, got {:?}  e.g. {:?}",
                    c.count, c.expected, c.got, c.example
                )?;
            }
        }
        if check_floors {
            if misses.is_empty() {
                writeln!(
                    out,
                    "\nevery figure meets its floor ({})",
                    floors_path.display()
                )?;
            } else {
                writeln!(out, "\nbelow floor:")?;
                for m in &misses {
                    writeln!(out, "  {m}")?;
                }
            }
        }
    }
    print_quietly(&out);
    Ok(if misses.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn classify(text: Option<String>, jsonl: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let out = |t: &str| {
        let s = signals::detect(t);
        serde_json::json!({"text": t, "signals": s.names(), "evidence": s.0})
    };
    match (text, jsonl) {
        (Some(t), None) => println!("{}", serde_json::to_string_pretty(&out(&t))?),
        (None, Some(path)) => {
            let file = std::fs::File::open(&path)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            let mut bad = 0;
            for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
                let line = line?;
                if line.trim().is_empty() {
                    continue;
                }
                match serde_json::from_str::<serde_json::Value>(&line)
                    .ok()
                    .and_then(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned))
                {
                    Some(t) => println!("{}", serde_json::to_string(&out(&t))?),
                    None => {
                        bad += 1;
                        eprintln!(
                            "{}:{}: expected a JSON object with a string \"text\"",
                            path.display(),
                            i + 1
                        );
                    }
                }
            }
            if bad > 0 {
                return Ok(ExitCode::FAILURE);
            }
        }
        _ => anyhow::bail!("give either a TEXT or --jsonl FILE"),
    }
    Ok(ExitCode::SUCCESS)
}

async fn chat(
    company: PathBuf,
    caller_id: Option<String>,
    database: PathBuf,
    conversation: aisha_core::ConversationId,
    llm: LlmArgs,
) -> anyhow::Result<ExitCode> {
    let raw = std::fs::read_to_string(&company)
        .map_err(|e| anyhow::anyhow!("{}: {e}", company.display()))?;
    let store = sqlite::open(&database).await?;
    // The database's own key, as `serve` uses it: the company's sealed secrets must open.
    let key = aisha::server_key::ServerKey::load(
        std::env::var(aisha::server_key::ENV_KEY).ok().as_deref(),
        None,
        Some(&database.with_extension("secret-key")),
    )?;
    let service = Service::new(Arc::new(store), llm.speaker()?).with_server_key(key);
    let (c, _) = service
        .put_company_json(&raw, "aisha run", Timestamp::now())
        .await?;
    let id = c.company_id.as_str().to_owned();
    if let Some(s) = service.session(&id, &conversation).await? {
        eprintln!(
            "(resuming conversation \"{conversation}\": mode {}, turn {})",
            s.mode.as_str(),
            s.turn
        );
    }
    eprintln!("Talking to {} (Ctrl-D to end).", c.display_name());
    let stdin = std::io::stdin();
    let mut line = String::new();
    loop {
        print!("you> ");
        std::io::stdout().flush()?;
        line.clear();
        if stdin.lock().read_line(&mut line)? == 0 {
            break;
        }
        let r = service
            .turn(
                aisha::service::Turn::new(&id, &conversation, line.trim(), Timestamp::now())
                    .caller(caller_id.as_deref()),
            )
            .await?;
        println!("aisha> {}", r.outcome.reply);
        let slots = serde_json::to_string(&r.booking.slots)?;
        println!(
            "       [mode {} | intent {} | active slot {} | escalated {} | signals {:?}]\n       slots {slots}",
            r.outcome.mode.as_str(),
            r.outcome.last_agent_intent.as_str(),
            r.active_slot.as_deref().unwrap_or("-"),
            r.outcome.escalated(),
            r.outcome.signals.names()
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
struct ServeArgs {
    #[arg(long, env = "AISHA_BIND", default_value = "127.0.0.1:8080")]
    bind: String,
    /// A SQLite file (path or sqlite:///abs/path.db), or postgres://user@host/db for the
    /// scale-out store.
    #[arg(long, env = "AISHA_DATABASE", default_value = DEFAULT_DATABASE)]
    database: String,
    #[arg(long, env = "AISHA_ADMIN_TOKEN", hide_env_values = true)]
    admin_token: Option<String>,
    /// Public base URL Twilio calls (for webhook signatures behind a proxy).
    #[arg(long, env = "AISHA_PUBLIC_URL")]
    public_url: Option<String>,
    #[arg(
        long,
        env = "AISHA_TWILIO_API_BASE",
        default_value = "https://api.twilio.com"
    )]
    twilio_api_base: String,
    /// SMTP relay for email (smtp://host:port, smtp://user:pass@host?tls=required, smtps://…);
    /// without it email goes to the console channel.
    #[arg(long, env = "AISHA_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    #[arg(
        long,
        env = "AISHA_SMTP_FROM",
        default_value = "AiSHA <aisha@localhost>"
    )]
    smtp_from: String,
    /// How often the scheduler and the delivery worker look for work.
    #[arg(long, env = "AISHA_TICK_MS", default_value_t = 1000)]
    tick_ms: u64,
    /// How long a claim on due work lasts before another process may take it over.
    #[arg(long, env = "AISHA_LEASE_MS", default_value_t = 30_000)]
    lease_ms: u64,
    /// Due relationships or deliveries claimed per pass.
    #[arg(long, env = "AISHA_BATCH", default_value_t = 100)]
    batch: i64,
    /// This process's name in scheduler leases (default: host and pid).
    #[arg(long, env = "AISHA_WORKER_ID")]
    worker_id: Option<String>,
    /// Create the demo company (and print its key). Without this flag it is created only on
    /// the default SQLite file, so a production database never gets it silently.
    #[arg(long, conflicts_with = "no_demo")]
    demo: bool,
    /// Do not create the demo company, even on the default SQLite file.
    #[arg(long)]
    no_demo: bool,
    /// Web chat: turns one conversation (visitor) may send per minute.
    #[arg(long, env = "AISHA_CHAT_VISITOR_PER_MINUTE", default_value = "20")]
    chat_visitor_per_minute: std::num::NonZeroU32,
    /// Web chat: requests one IP address may send per minute.
    #[arg(long, env = "AISHA_CHAT_IP_PER_MINUTE", default_value = "120")]
    chat_ip_per_minute: std::num::NonZeroU32,
    /// Behind a reverse proxy: the header it puts the client's address in (`X-Real-IP`,
    /// `X-Forwarded-For`), for web chat's per-IP limit. Never set it without a proxy that
    /// overwrites the header, or clients choose their own address.
    #[arg(long, env = "AISHA_CLIENT_IP_HEADER")]
    client_ip_header: Option<axum::http::HeaderName>,
    /// A file holding the server key (64 hex characters) that keys the audit chain and
    /// encrypts tenant secrets; `AISHA_SECRET_KEY` may hold the key itself. Beside a SQLite
    /// database the default is `<database>.secret-key`, created on first start.
    #[arg(long, env = "AISHA_SECRET_KEY_FILE")]
    secret_key_file: Option<std::path::PathBuf>,
    /// Let company webhooks (systemOfRecord.webhookUrl) use http and reach loopback and
    /// private addresses. For local development and tests only: a tenant could otherwise
    /// make this server call the cloud metadata service or the internal network.
    #[arg(long, env = "AISHA_ALLOW_PRIVATE_WEBHOOKS")]
    allow_private_webhooks: bool,
    /// Open HTTP connections at most; one beyond is closed at once.
    #[arg(long, env = "AISHA_MAX_CONNECTIONS", default_value_t = 1024)]
    max_connections: usize,
    /// Seconds a client may take to send a request's headers before the connection is closed.
    #[arg(long, env = "AISHA_HEADER_READ_TIMEOUT_SECS", default_value_t = 10)]
    header_read_timeout_secs: u64,
    /// Twilio webhook requests one IP address may send per minute.
    #[arg(long, env = "AISHA_WEBHOOK_IP_PER_MINUTE", default_value = "600")]
    webhook_ip_per_minute: std::num::NonZeroU32,
    /// Twilio webhook requests one company may receive per minute, from all addresses.
    #[arg(long, env = "AISHA_WEBHOOK_COMPANY_PER_MINUTE", default_value = "3000")]
    webhook_company_per_minute: std::num::NonZeroU32,
    /// Console sign-in attempts one IP address may make per minute.
    #[arg(long, env = "AISHA_SIGN_IN_IP_PER_MINUTE", default_value = "10")]
    sign_in_ip_per_minute: std::num::NonZeroU32,
    #[command(flatten)]
    llm: LlmArgs,
}

/// The SQLite file `serve` uses when no `--database` is given: the only one that gets the demo
/// company without `--demo`.
const DEFAULT_DATABASE: &str = "aisha.db";

async fn serve(a: ServeArgs) -> anyhow::Result<ExitCode> {
    let store = aisha::store::open(&a.database).await?;
    let with_demo = a.demo || (!a.no_demo && a.database == DEFAULT_DATABASE);
    if a.allow_private_webhooks {
        tracing::warn!("--allow-private-webhooks: company webhooks may reach private addresses (development only)");
    }
    let mut channels = aisha::worker::Channels::new(&a.twilio_api_base)
        .allow_private_webhooks(a.allow_private_webhooks);
    if let Some(url) = &a.smtp_url {
        channels = channels
            .with_smtp(url, &a.smtp_from)
            .map_err(anyhow::Error::msg)?;
    }
    let default_key_file = default_key_file(&a.database);
    let server_key = aisha::server_key::ServerKey::load(
        std::env::var(aisha::server_key::ENV_KEY).ok().as_deref(),
        a.secret_key_file.as_deref(),
        default_key_file.as_deref(),
    )?;
    let service = a
        .llm
        .service(store)?
        .with_channels(aisha::service::ChannelConfig {
            smtp_enabled: a.smtp_url.is_some(),
        })
        .with_server_key(server_key)
        .allow_private_webhooks(a.allow_private_webhooks);
    let now = Timestamp::now();
    for company in service.seal_audit_chains(now).await? {
        eprintln!("audit chain of {company}: records from before the key sealed with it");
    }
    let demo = aisha_core::Company::from_json(aisha::DEMO_COMPANY)?.company;
    let demo_id = demo.company_id.as_str().to_owned();
    // Beside a SQLite file, the demo key is kept so a restart can print it again.
    let key_file = match aisha::store::location(&a.database) {
        aisha::store::Location::Sqlite(p) => Some(p.with_extension("demo-key")),
        aisha::store::Location::Postgres(_) => None,
    };
    let mut demo_key = None;
    if with_demo && service.company(&demo_id).await.is_err() {
        let (_, key) = service
            .put_company(demo.clone(), "aisha serve (demo)", now)
            .await?;
        if let (Some(k), Some(f)) = (&key, &key_file) {
            std::fs::write(f, k)?;
        }
        demo_key = key;
        // One phone number per customer (555-01xx numbers are reserved for fiction).
        for (id, name, phone, state) in [
            (
                "cust-dana",
                "Dana",
                "+15555550101",
                aisha_core::care::CareState::Engaged,
            ),
            (
                "cust-lee",
                "Lee",
                "+15555550102",
                aisha_core::care::CareState::Evaluating,
            ),
            (
                "cust-sam",
                "Sam",
                "+15555550103",
                aisha_core::care::CareState::Dormant,
            ),
            (
                "cust-ava",
                "Ava",
                "+15555550104",
                aisha_core::care::CareState::Active,
            ),
        ] {
            let customer = aisha_core::care::Customer {
                id: id.into(),
                first_name: Some(name.into()),
                phone: Some(phone.into()),
                ..Default::default()
            };
            service
                .upsert_customer(&demo_id, customer, state, now)
                .await?;
        }
    }
    let demo_key = demo_key.or_else(|| key_file.and_then(|f| std::fs::read_to_string(f).ok()));
    let listener = tokio::net::TcpListener::bind(&a.bind).await?;
    let addr = listener.local_addr()?;
    println!("AiSHA is running on http://{addr}");
    if with_demo {
        let key = demo_key
            .as_deref()
            .map(str::trim)
            .unwrap_or("(shown when the demo company was created)");
        println!("Console: http://{addr}/console  (company {demo_id}, key {key})");
        println!("Demo company: {demo_id}   API key: {key}");
        println!("Try: curl -s -X POST http://{addr}/v1/companies/{demo_id}/conversations/demo/turns -H 'Authorization: Bearer {key}' -H 'content-type: application/json' -d '{{\"text\":\"Hi, my AC stopped working\"}}'");
    } else {
        println!("No demo company (pass --demo for one). Create yours with the admin token: see docs/DEPLOY.md");
    }
    let worker = a.worker_id.unwrap_or_else(|| {
        format!(
            "{}-{}",
            std::env::var("HOSTNAME").unwrap_or_else(|_| "aisha".into()),
            std::process::id()
        )
    });
    tokio::spawn(aisha::worker::run(
        service.clone(),
        channels,
        aisha::worker::WorkerConfig {
            worker,
            every: Duration::from_millis(a.tick_ms.max(10)),
            lease: jiff::SignedDuration::from_millis(a.lease_ms.max(100) as i64),
            batch: a.batch.clamp(1, 10_000),
        },
    ));
    let app = web::router(AppState {
        service,
        admin_token: a.admin_token.map(Into::into),
        public_url: a.public_url.map(Into::into),
        chat: std::sync::Arc::new(
            web::chat::ChatLimits::new(
                a.chat_visitor_per_minute,
                a.chat_ip_per_minute,
                a.client_ip_header,
            )
            .with_public_limits(a.webhook_ip_per_minute, a.sign_in_ip_per_minute)
            .with_webhook_company_limit(a.webhook_company_per_minute),
        ),
    });
    let limits = web::server::ServerLimits {
        max_connections: a.max_connections,
        header_read_timeout: Duration::from_secs(a.header_read_timeout_secs.max(1)),
        ..Default::default()
    };
    web::server::serve(listener, app, limits, shutdown_signal()).await?;
    Ok(ExitCode::SUCCESS)
}

/// Ctrl-C, or SIGTERM (what `systemctl stop` and container runtimes send).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
