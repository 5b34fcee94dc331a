package locale

import (
	"strings"
	"testing"
)

// TestParseMoney: amounts typed as dollars and cents become cents exactly;
// what is refused says what to type instead.
func TestParseMoney(t *testing.T) {
	p := New("en", nil)
	t.Run("DollarsAndCentsAsTyped", func(t *testing.T) {
		for in, want := range map[string]int64{
			"18.52": 1852, "$18.52": 1852, "18": 1800, " 18.5 ": 1850, "$ 18.52": 1852, "18.": 1800, ".5": 50, "0.07": 7,
			"0": 0, "$0.00": 0, "1,234.50": 123450, "$1,234,567.89": 123456789, "007.10": 710, "999999999.99": 99999999999,
			"4.10": 410, "0.29": 29, "1.15": 115, // cents that floating point gets wrong (0.29*100 = 28.999…)
		} {
			got, err := p.ParseMoney(in)
			if err != nil || got != want {
				t.Errorf("ParseMoney(%q) = %d, %v; want %d", in, got, err, want)
			}
		}
	})
	t.Run("MoneyReadsBack", func(t *testing.T) {
		// The change form shows a rate with Money; saving it again must not change it.
		for _, cents := range []int64{0, 7, 1197, 123456, 99999999999} {
			if got, err := p.ParseMoney(p.Money(cents)); err != nil || got != cents {
				t.Errorf("ParseMoney(Money(%d)) = %d, %v", cents, got, err)
			}
		}
	})
	refused := func(t *testing.T, key string, inputs ...string) {
		t.Helper()
		for _, in := range inputs {
			got, err := p.ParseMoney(in)
			if err == nil {
				t.Errorf("ParseMoney(%q) = %d; want it refused", in, got)
				continue
			}
			if err.Error() != p.T(key) || !strings.Contains(err.Error(), "18.52") {
				t.Errorf("ParseMoney(%q) says %q; want the %s message, which shows what to type", in, err, key)
			}
		}
	}
	t.Run("NegativeRefused", func(t *testing.T) {
		refused(t, "money.negative", "-18.52", "-$18.52", "$-18.52", "- 3", "-0.01")
	})
	t.Run("MoreThanTwoDecimalsRefused", func(t *testing.T) {
		refused(t, "money.decimals", "18.525", "18.520", "0.001", "$1,234.567")
	})
	t.Run("GarbageRefused", func(t *testing.T) {
		refused(t, "money.invalid", "", " ", "$", ".", "abc", "twelve", "18.52.1", "1e3", "NaN", "Inf", "0x1p4", "+18",
			"18,52", "1,23", "12,3456", ",500", "1,,000", "18 52", "18.52$", "USD 18", "(18.52)", "１８", "18.5a", "$$18")
	})
	t.Run("TooLargeRefused", func(t *testing.T) {
		for _, in := range []string{"1000000000", "$1,000,000,000.00", "99999999999999999999999"} {
			_, err := p.ParseMoney(in)
			if err == nil || !strings.Contains(err.Error(), "$1,000,000,000.00") {
				t.Errorf("ParseMoney(%q): %v; want it refused naming the limit", in, err)
			}
		}
	})
}
