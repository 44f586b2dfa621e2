"""e-GP (การจัดซื้อจัดจ้าง): the LAO-internal procurement file from budget line to contract, inspection and ฎีกา."""
