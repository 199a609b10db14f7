//! Signal-detection tasks (issue 12): escalation signals on customer messages and the outbound
//! screen.

use super::Task;

pub static TASKS: &[Task] = &[];
