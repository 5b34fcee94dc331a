package goldthread

import "time"

// Passkey is one of a person's passkeys as they see it in their account:
// the name they gave it and when it was added and last used. The key itself
// stays on their device; Goldthread keeps only its public half.
type Passkey struct {
	ID         int64
	Name       string
	CreatedAt  time.Time
	LastUsedAt time.Time // zero until first used
}
