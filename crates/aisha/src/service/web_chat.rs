//! Web chat on a company's website: a publishable key that can only open chat conversations
//! and send their turns, through the same front desk as calls and texts (channel `chat`).

use super::*;

/// Every chat conversation id starts with this, so a publishable key can never drive a call
/// (`call-…`), a text thread (`sms-…`) or a playground conversation.
pub const CHAT_PREFIX: &str = "chat-";

/// A newly opened chat: its id (the visitor keeps it) and the company's greeting.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenedChat {
    pub conversation_id: ConversationId,
    pub greeting: String,
}

/// A publishable key names its company (`pk_<companyId>_<32 hex>`): the widget needs nothing
/// but the key, and a browser's preflight (which carries no key) still names the company in
/// the path. The key is public; only its random part proves anything, checked as a hash.
pub(super) fn new_publishable_key(company: &CompanyId) -> String {
    format!("pk_{}_{}", company.as_str(), uuid::Uuid::new_v4().simple())
}

/// The company a publishable key names (not yet checked).
pub fn publishable_key_company(key: &str) -> Option<&str> {
    let (company, random) = key.strip_prefix("pk_")?.rsplit_once('_')?;
    (!company.is_empty() && !random.is_empty()).then_some(company)
}

impl Service {
    /// Create or replace the company's publishable key; the old one stops working at once.
    /// Who asked and why go to the audit log (never the key).
    pub async fn rotate_publishable_key(
        &self,
        company_id: &str,
        by: &str,
        reason: &Reason,
        now: Timestamp,
    ) -> ServiceResult<String> {
        self.replace_key(company_id, CompanyKey::Publishable, by, reason, now)
            .await
    }

    /// Whether the company has a publishable key (the console says so; the key itself is
    /// shown only when it is made).
    pub async fn has_publishable_key(&self, company_id: &str) -> ServiceResult<bool> {
        let cid = CompanyId::parse(company_id)
            .map_err(|_| ServiceError::UnknownCompany(company_id.to_owned()))?;
        Ok(self
            .store
            .key_hash(&cid, CompanyKey::Publishable)
            .await?
            .is_some())
    }

    /// The company a publishable key belongs to, for the company in the path. A wrong key and
    /// an unknown company are the same error, as for API keys.
    pub async fn authenticate_publishable(
        &self,
        company_id: &str,
        key: &str,
    ) -> ServiceResult<CompanyId> {
        let unknown = || ServiceError::UnknownCompany(company_id.to_owned());
        if publishable_key_company(key) != Some(company_id) {
            return Err(unknown());
        }
        let cid = CompanyId::parse(company_id).map_err(|_| unknown())?;
        let stored = self
            .store
            .key_hash(&cid, CompanyKey::Publishable)
            .await?
            .ok_or_else(unknown)?;
        if auth::constant_time_eq(&hash_key(key), &stored) {
            Ok(cid)
        } else {
            Err(unknown())
        }
    }

    /// Open a chat: a fresh, unguessable conversation id and the company's greeting. Nothing
    /// is stored until the visitor says something.
    pub async fn open_chat(&self, company_id: &str) -> ServiceResult<OpenedChat> {
        let company = self.company(company_id).await?;
        let conversation_id =
            ConversationId::parse(&format!("{CHAT_PREFIX}{}", uuid::Uuid::new_v4().simple()))?;
        let greeting = aisha_core::text::fill(
            &company.front_desk_behavior.booking_prompts.greeting,
            &[("company", company.display_name())],
        );
        Ok(OpenedChat {
            conversation_id,
            greeting,
        })
    }

    /// One visitor turn of a chat opened with [`Service::open_chat`]: the front desk's turn,
    /// refused for any conversation that is not a chat.
    pub async fn chat_turn(&self, turn: Turn<'_>) -> ServiceResult<TurnResult> {
        if !turn.conversation_id.as_str().starts_with(CHAT_PREFIX) {
            return Err(ServiceError::UnknownConversation(
                turn.conversation_id.to_string(),
            ));
        }
        self.turn(turn).await
    }
}
