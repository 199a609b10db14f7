//! Front-desk understanding tasks (issue 11): consent, time, address, phone, name, non-answers.

use super::Task;

pub static TASKS: &[Task] = &[];
