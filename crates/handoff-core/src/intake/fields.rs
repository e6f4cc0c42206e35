//! What the line formats' keys mean: one table for CEF, LEEF and `key=value` logs.
//!
//! Keys are compared lower-case with `_`, `-` and `.` removed, so `src_ip`, `srcIp` and
//! `src.ip` are one key. CEF's full names (`sourceAddress`) and its custom fields' labels
//! (`cs1Label=Rule Name`) go through the same table.

use super::reading::Reading;
use super::{severity, time};

/// The meaning of one key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meaning {
    Title,
    AlertId,
    Rule,
    Severity,
    /// An event time (CEF `rt`, `start`, `end`; LEEF `devTime`; `timestamp=`).
    Time,
    User(&'static str),
    Sender,
    Recipient,
    Host(&'static str),
    Ip(&'static str),
    Url,
    Hash(&'static str),
    File,
    Technique,
    CommandLine,
}

/// The meaning of `key`, if it has one Handoff uses.
pub fn meaning(key: &str) -> Option<Meaning> {
    use Meaning::*;
    let k: String = key
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | '.' | ' '))
        .flat_map(char::to_lowercase)
        .collect();
    Some(match k.as_str() {
        "msg" | "message" | "alert" | "alertname" | "attack" | "threat" | "threatname"
        | "signaturename" | "name" | "reason" => Title,
        "externalid" | "alertid" | "incidentid" | "detectionid" => AlertId,
        "rule" | "rulename" | "policy" | "policyname" | "signature" | "signatureid" => Rule,
        "severity" | "sev" | "level" | "urgency" | "crlevel" | "priority" => Severity,
        "rt" | "receipttime" | "start" | "starttime" | "end" | "endtime" | "devtime"
        | "timestamp" | "eventtime" | "time" | "ts" => Time,
        "suser" | "sourceusername" | "srcuser" | "sourceuser" => User("source user"),
        "duser"
        | "destinationusername"
        | "dstuser"
        | "destuser"
        | "targetuser"
        | "targetusername" => User("destination user"),
        "user" | "username" | "usrname" | "account" | "accountname" | "identuser" | "logonuser"
        | "samaccountname" | "userid" | "principal" => User("user"),
        "sender" | "mailfrom" | "from" | "envelopefrom" => Sender,
        "recipient" | "rcpt" | "rcptto" | "to" | "mailto" => Recipient,
        "shost" | "sourcehostname" | "srchost" | "srcname" | "sourcehost" => Host("source"),
        "dhost" | "destinationhostname" | "dsthost" | "dstname" | "desthost" => Host("destination"),
        "dvchost" | "devicehostname" | "devname" | "devicename" => Host("reporting device"),
        "host" | "hostname" | "computer" | "computername" | "identhostname" | "workstation"
        | "machine" => Host("host"),
        "src" | "sourceaddress" | "srcip" | "sourceip" | "srcaddr" | "clientip" | "identsrc"
        | "ipaddress" | "remoteip" | "remip" => Ip("source"),
        "dst" | "destinationaddress" | "dstip" | "destip" | "destinationip" | "dstaddr"
        | "dest" | "serverip" => Ip("destination"),
        "dvc" | "deviceaddress" => Ip("reporting device"),
        "request" | "url" | "requesturl" | "requestedurl" | "fullurl" => Url,
        "filehash" | "hash" | "sha256" | "filehashsha256" | "sha1" | "md5" | "filemd5"
        | "oldfilehash" => Hash("file"),
        "fname" | "filename" | "file" | "filepath" | "oldfilename" => File,
        "technique" | "techniqueid" | "mitretechnique" | "mitretechniqueid" | "attackid" => {
            Technique
        }
        "cmdline" | "commandline" | "processcommandline" | "sproc" | "dproc" => CommandLine,
        _ => return None,
    })
}

/// Puts one key's value where it belongs; `false` for a key with no meaning here.
/// `scale` reads a number in a severity field (CEF's and LEEF's 0–10; else words only).
pub fn apply(
    r: &mut Reading,
    key: &str,
    value: &str,
    scale: fn(&str) -> Option<crate::vocabulary::verdict::Severity>,
) -> bool {
    let Some(m) = meaning(key) else {
        return false;
    };
    let v = Some(value);
    match m {
        Meaning::Title => r.title(v),
        Meaning::AlertId => r.alert_id(v),
        Meaning::Rule => r.rule(v),
        Meaning::Severity => r.severity(scale(value)),
        Meaning::Time => r.seen(time::parse(value)),
        Meaning::User(role) => r.user(v, role),
        Meaning::Sender => r.sender(v, "sender"),
        Meaning::Recipient => r.mailbox(v, "recipient"),
        Meaning::Host(role) => r.host(v, role),
        Meaning::Ip(role) => r.host(v, role),
        Meaning::Url => r.url(v, "URL"),
        Meaning::Hash(role) => r.hash(v, role),
        Meaning::File => r.file(v, "file"),
        Meaning::Technique => r.techniques(v),
        Meaning::CommandLine => r.command_line("Command line", value),
    }
    true
}

/// Words only: a bare number in a log's `level` means too many different things.
pub fn words(s: &str) -> Option<crate::vocabulary::verdict::Severity> {
    severity::from_word(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_key_mean_the_same() {
        for k in ["src_ip", "srcIp", "src.ip", "SRCIP"] {
            assert_eq!(meaning(k), Some(Meaning::Ip("source")), "{k}");
        }
        assert_eq!(meaning("cs1Label"), None);
        assert_eq!(meaning("Rule Name"), Some(Meaning::Rule));
    }
}
