-- PostgreSQL 15 peer: the feeds as tables, the ties and kinship paths as SQL, the rules as
-- recursive CTEs (what a relational shop would write). Semantics: docs/rules.md.
-- Loaded by pg_peer.py: this file creates the raw tables; derived.sql builds the rest after COPY.

DROP SCHEMA IF EXISTS coi CASCADE;
CREATE SCHEMA coi;
SET search_path = coi;

CREATE UNLOGGED TABLE persons (iin text, last_name text, first_name text, patronymic text,
  birth_date date, sex text, death_date date);
CREATE UNLOGGED TABLE kinship (person_iin text, relative_iin text, relation text,
  valid_from date, valid_to date);
CREATE UNLOGGED TABLE organizations (bin text, name text, kind text, parent_bin text,
  region text);
CREATE UNLOGGED TABLE positions (position_id text, org_bin text, title text, reports_to text,
  is_head boolean);
CREATE UNLOGGED TABLE employment (person_iin text, position_id text, valid_from date,
  valid_to date, appointed_by_iin text, selection_commission_id text);
CREATE UNLOGGED TABLE commissions (commission_id text, org_bin text, kind text, title text,
  valid_from date, valid_to date);
CREATE UNLOGGED TABLE commission_members (commission_id text, person_iin text, role text,
  valid_from date, valid_to date, public_representative boolean);
CREATE UNLOGGED TABLE company_roles (company_bin text, role text, holder_iin text,
  holder_bin text, share_pct numeric, valid_from date, valid_to date);
CREATE UNLOGGED TABLE tenders (tender_id text, customer_bin text, method text,
  announced_date date, commission_id text, title text, amount_kzt numeric);
CREATE UNLOGGED TABLE bids (tender_id text, supplier_bin text, outcome text,
  submitted_date date, amount_kzt numeric);
CREATE UNLOGGED TABLE contracts (contract_id text, customer_bin text, supplier_bin text,
  signed_date date, tender_id text, signed_by_iin text, amount_kzt numeric);
CREATE UNLOGGED TABLE blacklist (supplier_bin text, valid_from date, valid_to date,
  reason text);
