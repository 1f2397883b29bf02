package wristband_test

import (
	"fmt"

	"parksim/sim"
	"parksim/wristband"
)

// A guest enters the park and buys a souvenir above the PIN threshold: the
// first tap at the till asks for the PIN, the second, with it, is charged to
// the card on file and credited to the shop.
func Example() {
	sys := wristband.NewSystem(wristband.Config{Day: 0})
	shop := sys.OpenMerchant()
	guest, band := sys.AddGuest(wristband.Guest{
		Ticket: wristband.Ticket{FirstDay: 0, LastDay: 2},
		Wallet: wristband.Wallet{CardOnFile: true, Charging: true, PINAbove: 5000, DailyLimit: 20_000},
	})
	gate := sys.AddReader(wristband.Reader{Name: "main-gate", Kind: wristband.EntryGate, Zone: 1})
	till := sys.AddReader(wristband.Reader{Name: "gift-shop-till", Kind: wristband.PointOfSale, Zone: 2, Target: int32(shop)})

	taps := []wristband.Tap{
		{ID: 1, At: 9 * sim.Hour, Band: band, Reader: gate},
		{ID: 2, At: 9*sim.Hour + sim.Minute, Band: band, Reader: gate},
		{ID: 3, At: 14 * sim.Hour, Band: band, Reader: till, Amount: 7450},
		{ID: 4, At: 14*sim.Hour + 20*sim.Second, Band: band, Reader: till, Amount: 7450, PIN: wristband.RightPIN},
	}
	for _, t := range taps {
		d := sys.Tap(t)
		fmt.Printf("%s %-14s %-15s next: %-10s charged %d\n", t.At.Clock(), sys.Reader(t.Reader).Name, d.Reason, d.Reason.Remedy(), d.Amount)
	}
	book := sys.Ledger()
	fmt.Println("wallet:", book.Balance(sys.Wallet(guest)), "shop:", book.Balance(shop), "imbalance:", book.Imbalance())
	// Output:
	// 09:00 main-gate      granted         next: proceed    charged 0
	// 09:01 main-gate      already-inside  next: refused    charged 0
	// 14:00 gift-shop-till pin-required    next: enter-pin  charged 0
	// 14:00 gift-shop-till granted         next: proceed    charged 7450
	// wallet: -7450 shop: 7450 imbalance: 0
}

// A sale refunded by its record in the tap log gives the guest the money
// back and no longer counts against the band's daily limit.
func ExampleSystem_Refund() {
	sys := wristband.NewSystem(wristband.Config{})
	shop := sys.OpenMerchant()
	guest, band := sys.AddGuest(wristband.Guest{
		Wallet: wristband.Wallet{CardOnFile: true, Charging: true, DailyLimit: 10_000},
	})
	till := sys.AddReader(wristband.Reader{Name: "gift-shop-till", Kind: wristband.PointOfSale, Zone: 2, Target: int32(shop)})

	sale := sys.Tap(wristband.Tap{ID: 1, At: 14 * sim.Hour, Band: band, Reader: till, Amount: 8000})
	fmt.Println("sale:", sale.Reason, "record", sale.Sale, "spent", sys.Spent(guest))
	fmt.Println("next:", sys.Tap(wristband.Tap{ID: 2, At: 14*sim.Hour + sim.Minute, Band: band, Reader: till, Amount: 3000}).Reason)
	fmt.Println("refund:", sys.Refund(sale.Sale), "again:", sys.Refund(sale.Sale), "spent", sys.Spent(guest))
	fmt.Println("next:", sys.Tap(wristband.Tap{ID: 3, At: 14*sim.Hour + 2*sim.Minute, Band: band, Reader: till, Amount: 3000}).Reason)
	book := sys.Ledger()
	fmt.Println("wallet:", book.Balance(sys.Wallet(guest)), "shop:", book.Balance(shop), "imbalance:", book.Imbalance())
	// Output:
	// sale: granted record 0 spent 8000
	// next: over-daily-limit
	// refund: true again: false spent 0
	// next: granted
	// wallet: -3000 shop: 3000 imbalance: 0
}
