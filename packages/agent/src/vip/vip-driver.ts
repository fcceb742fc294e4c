/** Puts a VIP address where HAProxy can bind it (and takes it away); one implementation per networking mode. */
export interface VipDriver {
  plug(address: string): Promise<void>;
  unplug(address: string): Promise<void>;
}
