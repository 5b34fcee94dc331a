package store

import (
	"encoding/json"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/x12"
)

// A claim status row keeps two reasons side by side: reason, what staff
// typed (an outcome's, a correction's, a batch acceptance's), kept as
// typed; and reason_text, what Goldthread itself said when it moved the
// claim (a 277CA's, an 835's), kept as a goldthread.Text in JSON so each
// reader's printer writes it in their language. Rows written before
// migration 0173 hold the system's English in reason; the migration put
// the Text of the sentences it knows beside it, and left any other text
// as typed.

// reasonTextColumn is what the reason_text column holds for t: its JSON,
// or "" when the system said nothing.
func reasonTextColumn(t goldthread.Text) string {
	if t.Format == "" {
		return ""
	}
	return jsonText(t)
}

// readReason reads a status row's two reason columns back as the entry
// gives them: the system's Text with its English when reason_text holds
// one, else the typed reason and no Text. A reason_text that does not
// read as a Text (never written so) falls back to the typed reason.
func readReason(typed, textCol string) (string, goldthread.Text) {
	if textCol == "" {
		return typed, goldthread.Text{}
	}
	var t goldthread.Text
	if err := json.Unmarshal([]byte(textCol), &t); err != nil || t.Format == "" {
		return typed, goldthread.Text{}
	}
	return t.String(), t
}

// ackReason is why a 277CA moved a claim: the category and status it
// gave, and, when it rejected the claim, what that means for staff.
func ackReason(category, status string, denied bool) goldthread.Text {
	if denied {
		return goldthread.Textf("Rejected before adjudication (277CA %s:%s); correct the claim and send it again.", category, status)
	}
	return goldthread.Textf("277CA %s:%s", category, status)
}

// remitReason is why an 835 moved a claim, so the history says why
// without opening the remittance: the payment's method and
// trace number, a reversal's amount, the claim's and its lines'
// adjustments (group-CARC amount) and its remark codes, in X12's amounts.
// Its English is what the status history said before reasons were kept
// as Texts ("835 CHK 12345: CO-45 12.5; remarks N130").
func remitReason(r *goldthread.Remittance, c *goldthread.RemittanceClaim) goldthread.Text {
	parts := []goldthread.Text{goldthread.Textf("835 %s %s", r.Method, r.TraceNumber)}
	if c.StatusCode == x12.RemitReversal {
		parts = append(parts, goldthread.Textf(": payment reversed (%s)", x12.Money(-c.PaidCents).String()))
	}
	adjs := append([]goldthread.Adjustment(nil), c.Adjustments...)
	for _, l := range c.Lines {
		adjs = append(adjs, l.Adjustments...)
	}
	if len(adjs) > 0 {
		list := make([]string, len(adjs))
		for i, a := range adjs {
			list[i] = a.Group + "-" + a.Reason + " " + x12.Money(a.AmountCents).String()
		}
		parts = append(parts, goldthread.Textf(": %s", strings.Join(list, ", ")))
	}
	if len(c.Remarks) > 0 {
		parts = append(parts, goldthread.Textf("; remarks %s", strings.Join(c.Remarks, " ")))
	}
	return goldthread.TextJoin(parts, "")
}
