package goldthread

import (
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount in cents quoted in a message (an Error's or a Text's
// argument). This is the one place an amount is written: String gives
// "$1,234.50" ("-$3.00"), and locale.Printer.Money, which every page and
// a reader's rendering of a message use, writes the same, because US and
// Mexican Spanish write dollars as English does. Pass goldthread.Money,
// never a formatted string, so a language that writes amounts otherwise
// needs one change here and in locale.
type Money int64

func (m Money) String() string {
	cents, sign := int64(m), ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	whole := strconv.FormatInt(cents/100, 10)
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return fmt.Sprintf("%s$%s.%02d", sign, b.String(), cents%100)
}

// MarshalJSON writes {"cents": n}, so a Text quoting an amount reads it
// back as Money (a bare number would come back as an int).
func (m Money) MarshalJSON() ([]byte, error) {
	return []byte(`{"cents":` + strconv.FormatInt(int64(m), 10) + `}`), nil
}
