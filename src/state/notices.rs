//! Messages to the analyst. Errors stay until dismissed. Information stays until dismissed or
//! until the analyst moves on (takes a step, opens a case), never on a timer: a message that
//! vanished by itself was gone before a slow reader got to it, and the page below it jumped up
//! under the pointer. The same message twice is shown once.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Unique within a session, so a dismissal or a timeout removes exactly this one.
    pub id: u64,
    pub kind: NoticeKind,
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notices {
    shown: Vec<Notice>,
    next_id: u64,
}

/// At most this many information notices are kept; older ones give way, so they never pile
/// up. Errors are never dropped: each waits for the analyst.
const MAX_INFO: usize = 2;

impl Notices {
    pub fn push(&mut self, kind: NoticeKind, text: String) {
        // A message already on screen (a save failing on every keystroke) is shown once.
        if self.shown.iter().any(|n| n.kind == kind && n.text == text) {
            return;
        }
        if kind == NoticeKind::Info {
            let infos = self
                .shown
                .iter()
                .filter(|n| n.kind == NoticeKind::Info)
                .count();
            if infos >= MAX_INFO {
                if let Some(oldest) = self.shown.iter().position(|n| n.kind == NoticeKind::Info) {
                    self.shown.remove(oldest);
                }
            }
        }
        self.next_id += 1;
        self.shown.push(Notice {
            id: self.next_id,
            kind,
            text,
        });
    }

    pub fn dismiss(&mut self, id: u64) {
        self.shown.retain(|n| n.id != id);
    }

    /// The analyst has moved on: what they were told about the last screen has been seen.
    pub fn moved_on(&mut self) {
        self.shown.retain(|n| n.kind != NoticeKind::Info);
    }

    pub fn iter(&self) -> impl Iterator<Item = &Notice> {
        self.shown.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }
}
