import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp, openTrainingRoom } from './helpers';
import { expectAccessibleBothThemes, fill, press } from './flow';
import { escalatePhishing, runCheck, scoreRow, shiftTime, startScenario } from './training';

// Training as a trainee and a trainer meet it: checks chosen (dead ends included), the whole
// handoff scored, an L2 scenario played to its outcome, and the class debrief of session files.
// By role and label only.

async function downloadJson(page: Page, button: string) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

test('a trainee chooses checks, hits a dead end, writes the handoff and is scored on it', async ({ page }) => {
  const errors = await openTrainingRoom(page);
  await startScenario(page, 'Invoice phishing with a macro document');
  await expect(shiftTime(page)).toHaveText('Shift time used: 0 min on 0 of 6 checks.');
  // Nothing to score yet: submitting is not the thing to do first.
  await expect(page.getByRole('region', { name: 'Scoring' })).toContainText('Take the case through its last step first');

  // Investigating is a choice: each check shows what it found, or that it was a dead end.
  const edr = await runCheck(page, 'Open the EDR process tree on WS-ACC-113');
  await expect(edr).toHaveAccessibleDescription(/^Found: WINWORD\.EXE started powershell\.exe/);
  await runCheck(page, 'Trace the mail that carried the attachment');
  await runCheck(page, 'Call hmorgan');
  const firewall = await runCheck(page, 'Look for blocked connections from WS-ACC-113 at the firewall');
  await expect(firewall).toHaveAccessibleDescription(/^Dead end: Nothing was blocked/);
  await expect(shiftTime(page)).toHaveText('Shift time used: 30 min on 4 of 6 checks; the last one was a dead end.');
  // A check already run is done: it costs nothing more.
  await expect(firewall).toBeDisabled();
  await firewall.click({ force: true });
  await expect(shiftTime(page)).toHaveText('Shift time used: 30 min on 4 of 6 checks; the last one was a dead end.');
  await expectAccessibleBothThemes(page);

  // The case, as on shift; the concerns leave out the other recipients, and the debrief says so.
  await escalatePhishing(page, { analyst: 'Dana Kim', concerns: 'The child process is still running on the workstation.' });

  // Scored on the whole handoff, the checks and the time.
  await press(page, 'Submit for scoring');
  const heading = page.getByRole('heading', { name: 'Debrief: 92 of 100 points' });
  await expect(heading).toBeFocused();
  await expect(scoreRow(page, /^Summary for L2 names the findings \(2 of 2\)/)).toContainText('10 / 10');
  await expect(scoreRow(page, /^Immediate concerns \(1 of 2\)/)).toContainText('5 / 8');
  await expect(scoreRow(page, /^Immediate concerns/)).toContainText('They leave out what cannot wait: the other recipients.');
  await expect(scoreRow(page, /^Ticket ID: expected SPL-20931/)).toContainText('3 / 3');
  await expect(scoreRow(page, /^Assigned to the L2 on shift \(Kwame Mensah\)/)).toContainText('3 / 3');
  await expect(scoreRow(page, /^Checks that mattered \(3 of 4\)/)).toContainText(
    "Not run: Look up the age of the sender's domain",
  );
  const time = scoreRow(page, /^Shift time: 30 min, 10 on dead ends/);
  await expect(time).toContainText('3 / 5');
  await expect(time).toContainText('Wasted: Look for blocked connections from WS-ACC-113 at the firewall (10 min).');
  await expect(page.getByText("Trainer's note:")).toBeVisible();
  // A practice case goes nowhere: the room has no export step and no package import.
  await expect(page.getByRole('heading', { name: 'Export the case' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Open a handoff (L2)' })).toHaveCount(0);
  // Once scored, no more checks run.
  await expect(page.getByRole('button', { name: /^Look up the age of the sender's domain/ })).toHaveAttribute('aria-disabled', 'true');
  await expectAccessibleBothThemes(page);

  // The session file for the trainer carries the trainee, the checks and the items.
  const session = JSON.parse((await downloadJson(page, 'Download session summary (JSON)')).text);
  expect(session.format).toBe('handoff-training-session');
  expect(session.trainee).toBe('Dana Kim');
  expect(session.results).toHaveLength(1);
  expect(session.results[0]).toMatchObject({ scenario_id: 'phishing-macro', score: 92, max: 100, role: 'L1', minutes: 30 });
  expect(session.results[0].checks).toEqual(['edr-tree', 'mail-trace', 'ask-user', 'firewall']);
  expect(session.results[0].items).toContainEqual({ key: 'time', points: 3, max: 5 });
  expect(errors).toEqual([]);
});

test('an L2 scenario is played from the handoff to its outcome and scored', async ({ page }) => {
  const errors = await openTrainingRoom(page);
  await startScenario(page, 'L2: an infostealer on a sales laptop');
  // The trainee works as L2, from L1's briefing.
  await expect(page.getByRole('group', { name: 'Working as' }).getByRole('radio', { name: 'L2', exact: true })).toBeChecked();
  await expect(page.getByRole('heading', { name: 'Summary', exact: true })).toBeVisible();
  await expect(page.getByText("A password stealer on jortiz's laptop LT-SAL-019")).toBeVisible();

  await runCheck(page, 'Search the EDR for activity from LT-SAL-019 towards other hosts');
  await runCheck(page, 'Ask the identity team which saved logins were exposed');
  await runCheck(page, 'Review the CRM sign-ins for jortiz since the theft');
  const family = await runCheck(page, 'Detonate pdfconv.exe in the sandbox to name its family');
  await expect(family).toHaveAccessibleDescription(/^Dead end: A well-known stealer family/);
  await expect(shiftTime(page)).toHaveText('Shift time used: 50 min on 4 of 5 checks; the last one was a dead end.');

  await fill(page, 'You take the case as', 'Sam Lee');
  await press(page, 'Take the case: start the L2 review');
  for (const task of ['Validate L1 findings', 'Deeper technical analysis', 'Coordinate with other teams', 'Incident classification', 'Document actions taken']) {
    await page.getByRole('checkbox', { name: task }).check();
  }
  await fill(page, 'Notes: Validate L1 findings', 'The EDR shows the password store read and the upload, as L1 wrote.');
  await fill(page, 'Notes: Deeper technical analysis', 'No lateral movement: no other host talked to LT-SAL-019 or has pdfconv.exe.');
  await fill(page, 'Notes: Coordinate with other teams', 'The help desk reset the eleven exposed logins; IT reimages the laptop.');
  await fill(page, 'Actions taken', 'Isolated LT-SAL-019 at 10:20 UTC\nReset the CRM password at 10:40 UTC');
  await page.getByRole('group', { name: 'Incident classification' }).getByRole('radio', { name: /^Minor/ }).check();
  await fill(page, 'Outcome note', 'Contained on one laptop, which is being rebuilt; every exposed login reset.');
  await press(page, 'Mark as resolved');
  await expect(page.getByText('Now: Resolved')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Scoring' })).toContainText('The case has gone as far as your part of it goes');

  await press(page, 'Submit for scoring');
  await expect(page.getByRole('heading', { name: /^Debrief: \d+ of 100 points$/ })).toBeFocused();
  await expect(scoreRow(page, /^Question to L1: not needed/)).toContainText('Right: the handoff held what you needed.');
  await expect(scoreRow(page, /^L2 tasks done \(5 of 5\)/)).toContainText('Every task this case needs is done.');
  await expect(scoreRow(page, /^L2's record names the findings \(3 of 3\)/)).toBeVisible();
  await expect(scoreRow(page, /^Classification: expected Minor/)).toContainText('Right.');
  await expect(scoreRow(page, /^Outcome: expected Resolved/)).toContainText('Right. A contained, minor incident is resolved at L2.');
  await expect(scoreRow(page, /^Shift time: 50 min, 15 on dead ends/)).toContainText(
    'Wasted: Detonate pdfconv.exe in the sandbox to name its family (15 min).',
  );
  await expectAccessibleBothThemes(page);

  // Leaving training gives the analyst back their own role.
  await press(page, 'Leave training');
  await expect(page.getByRole('group', { name: 'Working as' }).getByRole('radio', { name: 'L1', exact: true })).toBeChecked();
  expect(errors).toEqual([]);
});

/** A session file in the format the app writes (handoff-training-session, version 2). */
function sessionFile(trainee: string, results: { id: string; title: string; score: number; minute: number }[]) {
  return JSON.stringify(
    {
      format: 'handoff-training-session',
      version: 2,
      trainee,
      scenarios: results.length,
      total: results.reduce((n, r) => n + r.score, 0),
      max: 100 * results.length,
      results: results.map((r) => ({
        scenario_id: r.id,
        title: r.title,
        score: r.score,
        max: 100,
        seconds: 600,
        completed_at: `2026-03-16T10:${String(r.minute).padStart(2, '0')}:00Z`,
        role: r.id.startsWith('l2-') ? 'L2' : 'L1',
        minutes: 25,
        checks: [],
        items: [
          { key: 'summary', points: Math.min(10, r.score / 10), max: 10 },
          { key: 'time', points: 5, max: 5 },
        ],
      })),
    },
    null,
    2,
  );
}

test('the class debrief of three session files: one table, as Markdown and CSV', async ({ page }) => {
  const errors = await openTrainingRoom(page);
  // One file as the app writes it, from a scenario submitted as it stood.
  await startScenario(page, 'Ransomware encrypting a file server');
  await fill(page, 'L1 analyst', 'Ana Silva');
  await runCheck(page, 'Watch the file activity on FSRV-02');
  await press(page, 'Submit for scoring');
  await expect(page.getByRole('heading', { name: /^Debrief: \d+ of 100 points$/ })).toBeVisible();
  const ana = await downloadJson(page, 'Download session summary (JSON)');
  const anaScore = JSON.parse(ana.text).results[0].score as number;
  expect(anaScore).toBeLessThan(100);
  await press(page, 'Leave training');

  // Two more, written by other trainees' browsers.
  const files = [
    { name: 'ana-silva.json', text: ana.text },
    {
      name: 'ben-okafor.json',
      text: sessionFile('Ben Okafor', [
        { id: 'ransomware-file-server', title: 'Ransomware encrypting a file server', score: 80, minute: 5 },
        { id: 'l2-infostealer-laptop', title: 'L2: an infostealer on a sales laptop', score: 70, minute: 20 },
      ]),
    },
    {
      name: 'chloe-martin.json',
      text: sessionFile('Chloé Martin', [
        { id: 'l2-infostealer-laptop', title: 'L2: an infostealer on a sales laptop', score: 90, minute: 8 },
      ]),
    },
  ];
  await page.getByLabel("Trainees' session files (.json, choose several)").setInputFiles(
    files.map((f) => ({ name: f.name, mimeType: 'application/json', buffer: Buffer.from(f.text) })),
  );

  const table = page.getByRole('table', { name: '3 trainees, 2 scenarios: score in percent, first attempt' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row').first()).toHaveText(
    ['Scenario', 'Ana Silva', 'Ben Okafor', 'Chloé Martin', 'Average', 'Most points lost on'].join(''),
  );
  const avg = (xs: number[]) => Math.floor((xs.reduce((a, b) => a + b, 0) + Math.floor(xs.length / 2)) / xs.length);
  await expect(table.getByRole('row', { name: /^Ransomware encrypting a file server/ }).getByRole('cell')).toHaveText([
    String(anaScore),
    '80',
    '—',
    String(avg([anaScore, 80])),
    /\S/,
  ]);
  await expect(table.getByRole('row', { name: /^L2: an infostealer on a sales laptop/ }).getByRole('cell')).toHaveText([
    '—',
    '70',
    '90',
    '80',
    'the summary for L2',
  ]);
  await expect(table.getByRole('row', { name: /^Average/ }).getByRole('cell')).toHaveText([
    String(anaScore),
    String(avg([80, 70])),
    '90',
    /^\d+$/,
    '',
  ]);
  await expectAccessibleBothThemes(page);

  const md = await downloadJson(page, 'Download the class debrief (Markdown)');
  expect(md.name).toBe('class-debrief.md');
  expect(md.text).toContain('# Class debrief\n\n3 trainees, 2 scenarios.');
  expect(md.text).toContain('| Scenario | Ana Silva | Ben Okafor | Chloé Martin | Average | Most points lost on |');
  expect(md.text).toContain('| L2: an infostealer on a sales laptop | — | 70 | 90 | 80 | the summary for L2 |');
  const csv = await downloadJson(page, 'Download the class debrief (CSV)');
  expect(csv.name).toBe('class-debrief.csv');
  const lines = csv.text.split('\r\n');
  expect(lines[0]).toBe('scenario,Ana Silva,Ben Okafor,Chloé Martin,average,most_points_lost_on');
  expect(lines).toContain('L2: an infostealer on a sales laptop,,70,90,80,the summary for L2');

  // A file that is not a session is named with its problem; the good ones still make the table.
  await page.getByLabel("Trainees' session files (.json, choose several)").setInputFiles([
    ...files.map((f) => ({ name: f.name, mimeType: 'application/json', buffer: Buffer.from(f.text) })),
    { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "handoff-package"}') },
  ]);
  await expect(page.getByRole('alert').filter({ hasText: 'notes.json: not a training session file' })).toBeVisible();
  await expect(table).toBeVisible();
  expect(errors).toEqual([]);
});

test("a trainer's scenario file: one that reads joins the library, a broken one is named with why", async ({ page }) => {
  const errors = await openTrainingRoom(page);
  const text = readFileSync('static/scenarios/phishing-macro.json', 'utf8');
  const chosen = page.getByLabel('Load a scenario file (.json)');
  const scenario = JSON.parse(text);
  scenario.id = 'my-phishing';
  scenario.title = 'My own phishing scenario';
  await chosen.setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) });
  await expect(page.getByRole('button', { name: 'Start scenario: My own phishing scenario' })).toBeVisible();

  scenario.checks[1].minutes = 'ten';
  await chosen.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) });
  await expect(page.getByRole('alert').filter({ hasText: 'broken.json' })).toHaveText(
    /^broken\.json: This is not a valid scenario file: checks\[1\]\.minutes: invalid type: string "ten"/,
  );
  // Nothing read before is lost, and the scenario plays from what the worker read.
  await page.getByRole('button', { name: 'Start scenario: My own phishing scenario' }).click();
  await expect(page.getByLabel('Alert title', { exact: true })).toHaveValue('Training: My own phishing scenario');
  await expect(shiftTime(page)).toHaveText('Shift time used: 0 min on 0 of 6 checks.');
  expect(errors).toEqual([]);
});

test("the analyst's page carries no training and links to the training room", async ({ page }) => {
  const errors = await openApp(page);
  const card = page.getByRole('region', { name: 'Training' });
  await expect(card.getByRole('button', { name: 'Show the scenario library' })).toHaveCount(0);
  await card.getByRole('link', { name: 'Open the training room' }).click();
  await expect(page).toHaveURL(/\/training\/$/);
  await page.getByRole('button', { name: 'Show the scenario library' }).click();
  await expect(page.getByRole('button', { name: 'Start scenario: Invoice phishing with a macro document' })).toBeVisible();
  // The training room keeps its cases apart: a scenario started here is not in the analyst's list.
  await page.getByRole('button', { name: 'Start scenario: Invoice phishing with a macro document' }).click();
  await expect(page.getByLabel('Alert title', { exact: true })).toHaveValue('Training: Invoice phishing with a macro document');
  // An L2 scenario switches the training room to L2, and only the training room.
  await page.getByRole('button', { name: 'Start scenario: L2: a web shell on the customer portal, and is it still online?' }).click();
  await expect(page.getByRole('group', { name: 'Working as' }).getByRole('radio', { name: 'L2', exact: true })).toBeChecked();
  const keys = () => page.evaluate(() => Object.keys(localStorage));
  // Both scenario cases autosaved, under the training room's keys only.
  await expect.poll(async () => (await keys()).filter((k) => k.startsWith('handoff.training.v1.case.')).length).toBe(2);
  expect((await keys()).filter((k) => k.startsWith('handoff.v1.case.'))).toEqual([]);
  expect(await keys()).not.toContain('handoff.v1.role');
  await expect(page.getByRole('heading', { name: 'Handoff — training room', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Back to your own cases' }).click();
  await expect(page).toHaveURL(/:\d+\/$/);
  await expect(page.getByRole('heading', { name: 'Handoff', level: 1 })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Working as' }).getByRole('radio', { name: 'L1', exact: true })).toBeChecked();
  await expect(page.getByText('Training: Invoice phishing with a macro document')).toHaveCount(0);
  await expect(page.getByText('No cases here yet.')).toBeVisible();
  expect(errors).toEqual([]);
});
