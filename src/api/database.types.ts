export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
  // Allows to automatically instantiate createClient with right options
  // instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)
  __InternalSupabase: {
    PostgrestVersion: '12';
  };
  public: {
    Tables: {
      consents: {
        Row: {
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          given_by: string;
          id: string;
          participant_id: string;
          representative_name: string | null;
          representative_relation: string | null;
          revoked_on: string | null;
          school_id: string;
          scope_note: string | null;
          signed_on: string;
          updated_at: string;
          valid_until: string | null;
          version: number;
        };
        Insert: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          given_by: string;
          id?: string;
          participant_id: string;
          representative_name?: string | null;
          representative_relation?: string | null;
          revoked_on?: string | null;
          school_id: string;
          scope_note?: string | null;
          signed_on: string;
          updated_at?: string;
          valid_until?: string | null;
          version?: number;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          given_by?: string;
          id?: string;
          participant_id?: string;
          representative_name?: string | null;
          representative_relation?: string | null;
          revoked_on?: string | null;
          school_id?: string;
          scope_note?: string | null;
          signed_on?: string;
          updated_at?: string;
          valid_until?: string | null;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'consents_participant_fk';
            columns: ['participant_id', 'school_id'];
            referencedRelation: 'participants';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'consents_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      coordinators: {
        Row: {
          created_at: string;
          id: string;
          municipality_id: string;
          user_id: string;
        };
        Insert: {
          created_at?: string;
          id?: string;
          municipality_id: string;
          user_id: string;
        };
        Update: {
          created_at?: string;
          id?: string;
          municipality_id?: string;
          user_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'coordinators_municipality_id_fkey';
            columns: ['municipality_id'];
            referencedRelation: 'municipalities';
            referencedColumns: ['id'];
          },
        ];
      };
      development_plans: {
        Row: {
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          id: string;
          mentee_id: string;
          pair_id: string;
          school_id: string;
          status: string;
          title: string;
          updated_at: string;
          version: number;
        };
        Insert: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          mentee_id: string;
          pair_id: string;
          school_id: string;
          status?: string;
          title: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          mentee_id?: string;
          pair_id?: string;
          school_id?: string;
          status?: string;
          title?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'development_plans_mentee_fk';
            columns: ['mentee_id', 'school_id'];
            referencedRelation: 'participants';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'development_plans_pair_fk';
            columns: ['pair_id', 'school_id'];
            referencedRelation: 'pairs';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'development_plans_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      intakes: {
        Row: {
          capacity: number | null;
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          forms: string[];
          id: string;
          interests: string | null;
          offers: string | null;
          participant_id: string;
          preferred_mentor_ids: string[];
          request: string | null;
          role: string;
          school_id: string;
          updated_at: string;
          version: number;
        };
        Insert: {
          capacity?: number | null;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          forms?: string[];
          id?: string;
          interests?: string | null;
          offers?: string | null;
          participant_id: string;
          preferred_mentor_ids?: string[];
          request?: string | null;
          role: string;
          school_id: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          capacity?: number | null;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          forms?: string[];
          id?: string;
          interests?: string | null;
          offers?: string | null;
          participant_id?: string;
          preferred_mentor_ids?: string[];
          request?: string | null;
          role?: string;
          school_id?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'intakes_participant_fk';
            columns: ['participant_id', 'school_id'];
            referencedRelation: 'participants';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'intakes_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      invite_attempts: {
        Row: {
          attempted_at: string;
          id: string;
          invite_id: string | null;
          outcome: string;
          user_id: string;
        };
        Insert: {
          attempted_at?: string;
          id?: string;
          invite_id?: string | null;
          outcome: string;
          user_id: string;
        };
        Update: {
          attempted_at?: string;
          id?: string;
          invite_id?: string | null;
          outcome?: string;
          user_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'invite_attempts_invite_id_fkey';
            columns: ['invite_id'];
            referencedRelation: 'invites';
            referencedColumns: ['id'];
          },
        ];
      };
      invites: {
        Row: {
          code_hash: string;
          code_prefix_hash: string;
          created_at: string;
          created_by: string | null;
          expires_at: string;
          failed_attempts: number;
          id: string;
          locked_at: string | null;
          participant_id: string;
          redeemed_at: string | null;
          redeemed_by: string | null;
          revoked_at: string | null;
          role: string;
          school_id: string;
        };
        Insert: {
          code_hash: string;
          code_prefix_hash: string;
          created_at?: string;
          created_by?: string | null;
          expires_at: string;
          failed_attempts?: number;
          id?: string;
          locked_at?: string | null;
          participant_id: string;
          redeemed_at?: string | null;
          redeemed_by?: string | null;
          revoked_at?: string | null;
          role: string;
          school_id: string;
        };
        Update: {
          code_hash?: string;
          code_prefix_hash?: string;
          created_at?: string;
          created_by?: string | null;
          expires_at?: string;
          failed_attempts?: number;
          id?: string;
          locked_at?: string | null;
          participant_id?: string;
          redeemed_at?: string | null;
          redeemed_by?: string | null;
          revoked_at?: string | null;
          role?: string;
          school_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'invites_participant_fk';
            columns: ['participant_id', 'school_id'];
            referencedRelation: 'participants';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'invites_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      kpi_values: {
        Row: {
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          id: string;
          indicator: string;
          kind: string;
          school_id: string;
          updated_at: string;
          value: number;
          version: number;
          year: number;
        };
        Insert: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          indicator: string;
          kind: string;
          school_id: string;
          updated_at?: string;
          value: number;
          version?: number;
          year: number;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          indicator?: string;
          kind?: string;
          school_id?: string;
          updated_at?: string;
          value?: number;
          version?: number;
          year?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'kpi_values_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      meeting_attendances: {
        Row: {
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          id: string;
          meeting_id: string;
          pair_id: string;
          participant_id: string;
          school_id: string;
          updated_at: string;
          version: number;
        };
        Insert: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          meeting_id: string;
          pair_id: string;
          participant_id: string;
          school_id: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          meeting_id?: string;
          pair_id?: string;
          participant_id?: string;
          school_id?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'meeting_attendances_meeting_fk';
            columns: ['meeting_id', 'pair_id', 'school_id'];
            referencedRelation: 'meetings';
            referencedColumns: ['id', 'pair_id', 'school_id'];
          },
          {
            foreignKeyName: 'meeting_attendances_participant_fk';
            columns: ['participant_id', 'school_id'];
            referencedRelation: 'participants';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'meeting_attendances_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      meeting_confirmations: {
        Row: {
          confirmed_at: string;
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          id: string;
          meeting_id: string;
          pair_id: string;
          participant_id: string;
          reflection: string | null;
          school_id: string;
          updated_at: string;
          version: number;
        };
        Insert: {
          confirmed_at?: string;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          meeting_id: string;
          pair_id: string;
          participant_id: string;
          reflection?: string | null;
          school_id: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          confirmed_at?: string;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          meeting_id?: string;
          pair_id?: string;
          participant_id?: string;
          reflection?: string | null;
          school_id?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'meeting_confirmations_meeting_fk';
            columns: ['meeting_id', 'pair_id', 'school_id'];
            referencedRelation: 'meetings';
            referencedColumns: ['id', 'pair_id', 'school_id'];
          },
          {
            foreignKeyName: 'meeting_confirmations_participant_fk';
            columns: ['participant_id', 'school_id'];
            referencedRelation: 'participants';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'meeting_confirmations_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      meeting_private_notes: {
        Row: {
          body: string;
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          id: string;
          meeting_id: string;
          pair_id: string;
          school_id: string;
          updated_at: string;
          version: number;
        };
        Insert: {
          body?: string;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          meeting_id: string;
          pair_id: string;
          school_id: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          body?: string;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          meeting_id?: string;
          pair_id?: string;
          school_id?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'meeting_private_notes_meeting_fk';
            columns: ['meeting_id', 'pair_id', 'school_id'];
            referencedRelation: 'meetings';
            referencedColumns: ['id', 'pair_id', 'school_id'];
          },
          {
            foreignKeyName: 'meeting_private_notes_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      meetings: {
        Row: {
          agreements: string | null;
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          duration_min: number;
          entered_by_staff: boolean;
          format: string;
          held_on: string;
          id: string;
          notes: string | null;
          pair_id: string;
          school_id: string;
          topic: string | null;
          type: string;
          updated_at: string;
          version: number;
        };
        Insert: {
          agreements?: string | null;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          duration_min: number;
          entered_by_staff?: boolean;
          format?: string;
          held_on: string;
          id?: string;
          notes?: string | null;
          pair_id: string;
          school_id: string;
          topic?: string | null;
          type: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          agreements?: string | null;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          duration_min?: number;
          entered_by_staff?: boolean;
          format?: string;
          held_on?: string;
          id?: string;
          notes?: string | null;
          pair_id?: string;
          school_id?: string;
          topic?: string | null;
          type?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'meetings_pair_fk';
            columns: ['pair_id', 'school_id'];
            referencedRelation: 'pairs';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'meetings_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      memberships: {
        Row: {
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          id: string;
          participant_id: string | null;
          revoked_at: string | null;
          role: string;
          school_id: string;
          updated_at: string;
          user_id: string;
          version: number;
        };
        Insert: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          participant_id?: string | null;
          revoked_at?: string | null;
          role: string;
          school_id: string;
          updated_at?: string;
          user_id: string;
          version?: number;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          participant_id?: string | null;
          revoked_at?: string | null;
          role?: string;
          school_id?: string;
          updated_at?: string;
          user_id?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'memberships_participant_fk';
            columns: ['participant_id', 'school_id'];
            referencedRelation: 'participants';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'memberships_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      mentor_change_requests: {
        Row: {
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          id: string;
          pair_id: string;
          reason: string;
          requested_by: string;
          resolution_note: string | null;
          resolved_at: string | null;
          school_id: string;
          status: string;
          updated_at: string;
          version: number;
        };
        Insert: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          pair_id: string;
          reason: string;
          requested_by: string;
          resolution_note?: string | null;
          resolved_at?: string | null;
          school_id: string;
          status?: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          pair_id?: string;
          reason?: string;
          requested_by?: string;
          resolution_note?: string | null;
          resolved_at?: string | null;
          school_id?: string;
          status?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'mentor_change_requests_pair_fk';
            columns: ['pair_id', 'school_id'];
            referencedRelation: 'pairs';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'mentor_change_requests_requester_fk';
            columns: ['requested_by', 'school_id'];
            referencedRelation: 'participants';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'mentor_change_requests_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      mentor_trainings: {
        Row: {
          certificate_number: string | null;
          completed_on: string | null;
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          hours: number;
          id: string;
          participant_id: string;
          provider: string | null;
          school_id: string;
          started_on: string | null;
          title: string;
          updated_at: string;
          version: number;
        };
        Insert: {
          certificate_number?: string | null;
          completed_on?: string | null;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          hours: number;
          id?: string;
          participant_id: string;
          provider?: string | null;
          school_id: string;
          started_on?: string | null;
          title: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          certificate_number?: string | null;
          completed_on?: string | null;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          hours?: number;
          id?: string;
          participant_id?: string;
          provider?: string | null;
          school_id?: string;
          started_on?: string | null;
          title?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'mentor_trainings_participant_fk';
            columns: ['participant_id', 'school_id'];
            referencedRelation: 'participants';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'mentor_trainings_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      municipal_kpi_targets: {
        Row: {
          created_at: string;
          created_by: string | null;
          id: string;
          indicator: string;
          municipality_id: string;
          updated_at: string;
          value: number;
          year: number;
        };
        Insert: {
          created_at?: string;
          created_by?: string | null;
          id?: string;
          indicator: string;
          municipality_id: string;
          updated_at?: string;
          value: number;
          year: number;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          id?: string;
          indicator?: string;
          municipality_id?: string;
          updated_at?: string;
          value?: number;
          year?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'municipal_kpi_targets_municipality_id_fkey';
            columns: ['municipality_id'];
            referencedRelation: 'municipalities';
            referencedColumns: ['id'];
          },
        ];
      };
      municipalities: {
        Row: {
          created_at: string;
          id: string;
          name: string;
          region: string | null;
        };
        Insert: {
          created_at?: string;
          id?: string;
          name: string;
          region?: string | null;
        };
        Update: {
          created_at?: string;
          id?: string;
          name?: string;
          region?: string | null;
        };
        Relationships: [];
      };
      pair_members: {
        Row: {
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          full_name: string;
          id: string;
          pair_id: string;
          participant_id: string;
          school_id: string;
          side: string;
          updated_at: string;
          version: number;
        };
        Insert: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          full_name?: string;
          id?: string;
          pair_id: string;
          participant_id: string;
          school_id: string;
          side: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          full_name?: string;
          id?: string;
          pair_id?: string;
          participant_id?: string;
          school_id?: string;
          side?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'pair_members_pair_fk';
            columns: ['pair_id', 'school_id'];
            referencedRelation: 'pairs';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'pair_members_participant_fk';
            columns: ['participant_id', 'school_id'];
            referencedRelation: 'participants';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'pair_members_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      pairs: {
        Row: {
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          end_reason: string | null;
          ended_on: string | null;
          form: string;
          id: string;
          is_group: boolean;
          order_date: string | null;
          order_history: NonNullable<Json>;
          order_number: string | null;
          programme_id: string | null;
          replaces_pair_id: string | null;
          role_model: string | null;
          school_id: string;
          started_on: string | null;
          status: string;
          title: string | null;
          updated_at: string;
          version: number;
        };
        Insert: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          end_reason?: string | null;
          ended_on?: string | null;
          form: string;
          id?: string;
          is_group?: boolean;
          order_date?: string | null;
          order_history?: NonNullable<Json>;
          order_number?: string | null;
          programme_id?: string | null;
          replaces_pair_id?: string | null;
          role_model?: string | null;
          school_id: string;
          started_on?: string | null;
          status?: string;
          title?: string | null;
          updated_at?: string;
          version?: number;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          end_reason?: string | null;
          ended_on?: string | null;
          form?: string;
          id?: string;
          is_group?: boolean;
          order_date?: string | null;
          order_history?: NonNullable<Json>;
          order_number?: string | null;
          programme_id?: string | null;
          replaces_pair_id?: string | null;
          role_model?: string | null;
          school_id?: string;
          started_on?: string | null;
          status?: string;
          title?: string | null;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'pairs_programme_fk';
            columns: ['programme_id', 'school_id'];
            referencedRelation: 'programmes';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'pairs_replaces_pair_fk';
            columns: ['replaces_pair_id', 'school_id'];
            referencedRelation: 'pairs';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'pairs_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      participant_sensitive: {
        Row: {
          categories: string[];
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          id: string;
          note: string | null;
          participant_id: string;
          request: string | null;
          school_id: string;
          updated_at: string;
          version: number;
        };
        Insert: {
          categories?: string[];
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          note?: string | null;
          participant_id: string;
          request?: string | null;
          school_id: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          categories?: string[];
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          note?: string | null;
          participant_id?: string;
          request?: string | null;
          school_id?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'participant_sensitive_participant_fk';
            columns: ['participant_id', 'school_id'];
            referencedRelation: 'participants';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'participant_sensitive_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      participants: {
        Row: {
          archived_on: string | null;
          birth_date: string | null;
          birth_year: number | null;
          class_label: string | null;
          consent_covered_until: string | null;
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          email: string | null;
          full_name: string;
          id: string;
          interests: string | null;
          is_manager: boolean;
          is_mentee: boolean;
          is_mentor: boolean;
          is_minor: boolean;
          kind: string;
          phone: string | null;
          position: string | null;
          qualification_category: string | null;
          school_id: string;
          subject: string | null;
          teaching_experience_years: number | null;
          updated_at: string;
          user_id: string | null;
          version: number;
          workplace: string | null;
        };
        Insert: {
          archived_on?: string | null;
          birth_date?: string | null;
          birth_year?: number | null;
          class_label?: string | null;
          consent_covered_until?: string | null;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          email?: string | null;
          full_name: string;
          id?: string;
          interests?: string | null;
          is_manager?: boolean;
          is_mentee?: boolean;
          is_mentor?: boolean;
          is_minor?: boolean;
          kind: string;
          phone?: string | null;
          position?: string | null;
          qualification_category?: string | null;
          school_id: string;
          subject?: string | null;
          teaching_experience_years?: number | null;
          updated_at?: string;
          user_id?: string | null;
          version?: number;
          workplace?: string | null;
        };
        Update: {
          archived_on?: string | null;
          birth_date?: string | null;
          birth_year?: number | null;
          class_label?: string | null;
          consent_covered_until?: string | null;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          email?: string | null;
          full_name?: string;
          id?: string;
          interests?: string | null;
          is_manager?: boolean;
          is_mentee?: boolean;
          is_mentor?: boolean;
          is_minor?: boolean;
          kind?: string;
          phone?: string | null;
          position?: string | null;
          qualification_category?: string | null;
          school_id?: string;
          subject?: string | null;
          teaching_experience_years?: number | null;
          updated_at?: string;
          user_id?: string | null;
          version?: number;
          workplace?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: 'participants_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      plan_goals: {
        Row: {
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          id: string;
          pair_id: string;
          plan_id: string;
          position: number;
          school_id: string;
          title: string;
          updated_at: string;
          version: number;
        };
        Insert: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          pair_id: string;
          plan_id: string;
          position?: number;
          school_id: string;
          title: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          pair_id?: string;
          plan_id?: string;
          position?: number;
          school_id?: string;
          title?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'plan_goals_plan_fk';
            columns: ['plan_id', 'pair_id', 'school_id'];
            referencedRelation: 'development_plans';
            referencedColumns: ['id', 'pair_id', 'school_id'];
          },
          {
            foreignKeyName: 'plan_goals_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      plan_tasks: {
        Row: {
          activity: string | null;
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          due_on: string | null;
          expected_result: string | null;
          goal_id: string | null;
          id: string;
          mentee_comment: string | null;
          mentee_done_at: string | null;
          pair_id: string;
          plan_id: string;
          position: number;
          result: string | null;
          school_id: string;
          status: string;
          title: string;
          updated_at: string;
          version: number;
        };
        Insert: {
          activity?: string | null;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          due_on?: string | null;
          expected_result?: string | null;
          goal_id?: string | null;
          id?: string;
          mentee_comment?: string | null;
          mentee_done_at?: string | null;
          pair_id: string;
          plan_id: string;
          position?: number;
          result?: string | null;
          school_id: string;
          status?: string;
          title: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          activity?: string | null;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          due_on?: string | null;
          expected_result?: string | null;
          goal_id?: string | null;
          id?: string;
          mentee_comment?: string | null;
          mentee_done_at?: string | null;
          pair_id?: string;
          plan_id?: string;
          position?: number;
          result?: string | null;
          school_id?: string;
          status?: string;
          title?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'plan_tasks_goal_fk';
            columns: ['goal_id', 'plan_id'];
            referencedRelation: 'plan_goals';
            referencedColumns: ['id', 'plan_id'];
          },
          {
            foreignKeyName: 'plan_tasks_plan_fk';
            columns: ['plan_id', 'pair_id', 'school_id'];
            referencedRelation: 'development_plans';
            referencedColumns: ['id', 'pair_id', 'school_id'];
          },
          {
            foreignKeyName: 'plan_tasks_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      programmes: {
        Row: {
          academic_year: string;
          closed_on: string | null;
          created_at: string;
          created_by: string | null;
          current_stage: number;
          deleted_at: string | null;
          ends_on: string | null;
          forms: string[];
          id: string;
          school_id: string;
          starts_on: string | null;
          title: string;
          updated_at: string;
          version: number;
        };
        Insert: {
          academic_year: string;
          closed_on?: string | null;
          created_at?: string;
          created_by?: string | null;
          current_stage?: number;
          deleted_at?: string | null;
          ends_on?: string | null;
          forms?: string[];
          id?: string;
          school_id: string;
          starts_on?: string | null;
          title: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          academic_year?: string;
          closed_on?: string | null;
          created_at?: string;
          created_by?: string | null;
          current_stage?: number;
          deleted_at?: string | null;
          ends_on?: string | null;
          forms?: string[];
          id?: string;
          school_id?: string;
          starts_on?: string | null;
          title?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'programmes_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      questionnaire_responses: {
        Row: {
          answers: NonNullable<Json>;
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          id: string;
          pair_id: string | null;
          participant_id: string;
          school_id: string;
          submitted_at: string | null;
          template_id: string;
          updated_at: string;
          version: number;
        };
        Insert: {
          answers?: NonNullable<Json>;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          pair_id?: string | null;
          participant_id: string;
          school_id: string;
          submitted_at?: string | null;
          template_id: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          answers?: NonNullable<Json>;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          pair_id?: string | null;
          participant_id?: string;
          school_id?: string;
          submitted_at?: string | null;
          template_id?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'questionnaire_responses_pair_fk';
            columns: ['pair_id', 'school_id'];
            referencedRelation: 'pairs';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'questionnaire_responses_participant_fk';
            columns: ['participant_id', 'school_id'];
            referencedRelation: 'participants';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'questionnaire_responses_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'questionnaire_responses_template_id_fkey';
            columns: ['template_id'];
            referencedRelation: 'questionnaire_templates';
            referencedColumns: ['id'];
          },
        ];
      };
      questionnaire_templates: {
        Row: {
          audience: string;
          based_on: string | null;
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          id: string;
          items: NonNullable<Json>;
          kind: string;
          revision: number;
          school_id: string | null;
          title: string;
          updated_at: string;
          version: number;
        };
        Insert: {
          audience: string;
          based_on?: string | null;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          items: NonNullable<Json>;
          kind: string;
          revision?: number;
          school_id?: string | null;
          title: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          audience?: string;
          based_on?: string | null;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          items?: NonNullable<Json>;
          kind?: string;
          revision?: number;
          school_id?: string | null;
          title?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'questionnaire_templates_based_on_fkey';
            columns: ['based_on'];
            referencedRelation: 'questionnaire_templates';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'questionnaire_templates_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      roadmap_tasks: {
        Row: {
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          done_on: string | null;
          due_on: string | null;
          id: string;
          note: string | null;
          position: number;
          programme_id: string;
          responsible: string | null;
          school_id: string;
          stage: number;
          status: string;
          title: string;
          updated_at: string;
          version: number;
        };
        Insert: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          done_on?: string | null;
          due_on?: string | null;
          id?: string;
          note?: string | null;
          position?: number;
          programme_id: string;
          responsible?: string | null;
          school_id: string;
          stage: number;
          status?: string;
          title: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          done_on?: string | null;
          due_on?: string | null;
          id?: string;
          note?: string | null;
          position?: number;
          programme_id?: string;
          responsible?: string | null;
          school_id?: string;
          stage?: number;
          status?: string;
          title?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'roadmap_tasks_programme_fk';
            columns: ['programme_id', 'school_id'];
            referencedRelation: 'programmes';
            referencedColumns: ['id', 'school_id'];
          },
          {
            foreignKeyName: 'roadmap_tasks_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      school_documents: {
        Row: {
          created_at: string;
          created_by: string | null;
          dated_on: string | null;
          deleted_at: string | null;
          id: string;
          kind: string;
          note: string | null;
          number: string | null;
          school_id: string;
          updated_at: string;
          version: number;
        };
        Insert: {
          created_at?: string;
          created_by?: string | null;
          dated_on?: string | null;
          deleted_at?: string | null;
          id?: string;
          kind: string;
          note?: string | null;
          number?: string | null;
          school_id: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          dated_on?: string | null;
          deleted_at?: string | null;
          id?: string;
          kind?: string;
          note?: string | null;
          number?: string | null;
          school_id?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'school_documents_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      schools: {
        Row: {
          address: string | null;
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          director: string | null;
          id: string;
          municipality_id: string;
          name: string;
          place: string | null;
          short_name: string | null;
          training_valid_years: number;
          updated_at: string;
          version: number;
        };
        Insert: {
          address?: string | null;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          director?: string | null;
          id?: string;
          municipality_id: string;
          name: string;
          place?: string | null;
          short_name?: string | null;
          training_valid_years?: number;
          updated_at?: string;
          version?: number;
        };
        Update: {
          address?: string | null;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          director?: string | null;
          id?: string;
          municipality_id?: string;
          name?: string;
          place?: string | null;
          short_name?: string | null;
          training_valid_years?: number;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'schools_municipality_id_fkey';
            columns: ['municipality_id'];
            referencedRelation: 'municipalities';
            referencedColumns: ['id'];
          },
        ];
      };
      sync_conflicts: {
        Row: {
          author: string;
          base_value: Json | null;
          client_value: Json | null;
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          field: string;
          id: string;
          mutation_id: string;
          pair_id: string | null;
          resolution: string | null;
          resolved_at: string | null;
          row_id: string;
          school_id: string;
          server_value: Json | null;
          table_name: string;
          updated_at: string;
          version: number;
        };
        Insert: {
          author?: string;
          base_value?: Json | null;
          client_value?: Json | null;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          field: string;
          id?: string;
          mutation_id: string;
          pair_id?: string | null;
          resolution?: string | null;
          resolved_at?: string | null;
          row_id: string;
          school_id: string;
          server_value?: Json | null;
          table_name: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          author?: string;
          base_value?: Json | null;
          client_value?: Json | null;
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          field?: string;
          id?: string;
          mutation_id?: string;
          pair_id?: string | null;
          resolution?: string | null;
          resolved_at?: string | null;
          row_id?: string;
          school_id?: string;
          server_value?: Json | null;
          table_name?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'sync_conflicts_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
      triage_snoozes: {
        Row: {
          created_at: string;
          created_by: string | null;
          deleted_at: string | null;
          id: string;
          item_key: string;
          reason: string;
          school_id: string;
          snoozed_until: string;
          updated_at: string;
          version: number;
        };
        Insert: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          item_key: string;
          reason: string;
          school_id: string;
          snoozed_until: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          deleted_at?: string | null;
          id?: string;
          item_key?: string;
          reason?: string;
          school_id?: string;
          snoozed_until?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'triage_snoozes_school_id_fkey';
            columns: ['school_id'];
            referencedRelation: 'schools';
            referencedColumns: ['id'];
          },
        ];
      };
    };
    Views: {
      [_ in never]: never;
    };
    Functions: {
      create_invite: {
        Args: { participant_id: string; role: string; ttl?: string };
        Returns: string;
      };
      mentor_directory: {
        Args: { p_school_id: string };
        Returns: {
          forms: string[];
          full_name: string;
          has_places: boolean;
          offers: string;
          participant_id: string;
          subject: string;
        }[];
      };
      municipality_kpi_table: {
        Args: { p_from: string; p_municipality_id: string; p_to: string };
        Returns: {
          denominator: number;
          indicator: string;
          numerator: number;
          school_id: string;
          school_name: string;
        }[];
      };
      municipality_kpis: {
        Args: { municipality_id: string };
        Returns: {
          mentee_satisfaction_respondents: number;
          mentee_satisfied: number;
          mentor_satisfaction_respondents: number;
          mentor_satisfied: number;
          mentors_trained_36h: number;
          pairs_active: number;
          pairs_completed: number;
          pairs_total: number;
          participants_total: number;
          school_id: string;
          school_name: string;
          student_mentors: number;
          students_in_pairs: number;
          teacher_mentors: number;
          teachers_in_pairs: number;
          young_teacher_mentees: number;
        }[];
      };
      redeem_invite: { Args: { code: string }; Returns: Json };
      school_kpis: {
        Args: { p_from: string; p_school_id: string; p_to: string };
        Returns: {
          denominator: number;
          indicator: string;
          numerator: number;
        }[];
      };
      set_municipal_kpi_targets: {
        Args: { p_municipality_id: string; p_targets: Json; p_year: number };
        Returns: number;
      };
      sync_pull: { Args: { p_cursors?: Json; p_limit?: number }; Returns: Json };
      sync_push: { Args: { p_device_id: string; p_mutations: Json }; Returns: Json };
    };
    Enums: {
      [_ in never]: never;
    };
    CompositeTypes: {
      [_ in never]: never;
    };
  };
};

type DatabaseWithoutInternals = Omit<Database, '__InternalSupabase'>;

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, 'public'>];

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema['Tables'] & DefaultSchema['Views'])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])[TableName] extends {
      Row: infer R;
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema['Tables'] & DefaultSchema['Views'])
    ? (DefaultSchema['Tables'] & DefaultSchema['Views'])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R;
      }
      ? R
      : never
    : never;

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    keyof DefaultSchema['Tables'] | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends {
      Insert: infer I;
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
    ? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I;
      }
      ? I
      : never
    : never;

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    keyof DefaultSchema['Tables'] | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends {
      Update: infer U;
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
    ? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U;
      }
      ? U
      : never
    : never;

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    keyof DefaultSchema['Enums'] | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums']
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums'][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema['Enums']
    ? DefaultSchema['Enums'][DefaultSchemaEnumNameOrOptions]
    : never;

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    keyof DefaultSchema['CompositeTypes'] | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes']
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes'][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema['CompositeTypes']
    ? DefaultSchema['CompositeTypes'][PublicCompositeTypeNameOrOptions]
    : never;

export const Constants = {
  public: {
    Enums: {},
  },
} as const;
